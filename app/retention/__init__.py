"""Retention (R7): what is older than its configured period is deleted, or the mailbox closed."""
