"""The words the console's scripts show, by key; the values are English message ids (N_).

Kept in one place so that Babel extracts them and the catalogues translate them like any other
message; the shell hands them to the scripts as a JSON block (rendering.py).
"""

from __future__ import annotations

from app.consoles.admin_messages import ADMIN_WORDS
from app.consoles.security_key_messages import SECURITY_KEY_WORDS
from app.errors import N_
from app.web import report_form

_FIXED: dict[str, str] = {
    "console.error": N_("Something went wrong. Try again, or reload the console."),
    "console.locked": N_(
        "The console locked itself after {minutes} minutes without activity. Log in again."
    ),
    "console.locked_by_you": N_("The console is locked. Your keys are wiped from this browser."),
    "console.session_ended": N_("Your session has ended. Log in again."),
    "login.busy": N_("Opening your keys…"),
    "login.failed": N_("Logging in did not work. Try again."),
    "login.weak_kdf": N_(
        "The server asked for weaker passphrase protection than this console accepts, so "
        "nothing was sent. Tell the administrator."
    ),
    "setup.title": N_("Make the team's inbox key"),
    "setup.explained": N_(
        "Reports are locked with the team's inbox key. It does not exist yet: make it now. "
        "It is made in this browser and locked for every adviser in the team."
    ),
    "setup.make_key": N_("Make the inbox key"),
    "setup.waiting_title": N_("Waiting for access"),
    "setup.your_safety_number": N_(
        "Your safety number. The colleague who gives you access must see the same number: "
        "read it to them, or put your screens side by side."
    ),
    "setup.waiting": N_(
        "A colleague must give you access to the inbox key before you can read reports. "
        "Ask one to open Team in their console."
    ),
    "inbox.title": N_("Inbox"),
    "inbox.filters": N_("Filters"),
    "inbox.status": N_("Status"),
    "inbox.label": N_("Label"),
    "inbox.labels": N_("Labels"),
    "inbox.assignee": N_("Assigned to"),
    "inbox.all": N_("All"),
    "inbox.mine": N_("Me"),
    "inbox.unassigned": N_("Nobody"),
    "inbox.overdue_filter": N_("Deadlines"),
    "inbox.overdue_any": N_("Overdue only"),
    "inbox.apply": N_("Show"),
    "inbox.search": N_("Search in the text of these cases"),
    "inbox.search_note": N_(
        "Searching opens each case shown in this browser; each opening is written to the audit log."
    ),
    "inbox.received": N_("Received"),
    "inbox.ack_due": N_("Acknowledge by"),
    "inbox.feedback_due": N_("Feedback by"),
    "inbox.messages": N_("New messages"),
    "inbox.acknowledged": N_("Acknowledged"),
    "inbox.no_acknowledgement": N_("No acknowledgement: one-way report"),
    "inbox.overdue": N_("Overdue:"),
    "inbox.unanswered": N_("{count} unanswered"),
    "inbox.count": N_("Cases shown: {count}"),
    "inbox.found": N_("Cases with this text: {count}"),
    "inbox.empty": N_("No cases match."),
    "inbox.erased_title": N_("Erased by the reporter"),
    "inbox.erased_hint": N_(
        "Only the day is kept: the report, its messages, labels and dates are gone."
    ),
    "inbox.erased_on": N_("Erased by the reporter on {date}"),
    "case.title": N_("Case received {date}"),
    "case.back": N_("Back to the inbox"),
    "case.report": N_("The report"),
    "case.unreadable": N_("This cannot be opened with your keys."),
    "case.erased": N_("Erased by the reporter."),
    "case.erased_case": N_(
        "This report was erased by the reporter on {date}. Nothing of it is left."
    ),
    "case.signal_sent_notice": N_("The reporter was told: a signal went to {partner}."),
    "case.wants": N_("Wants"),
    "case.what": N_("What happened"),
    "case.when": N_("When"),
    "case.where": N_("Where"),
    "case.other_name": N_("Other person: name"),
    "case.other_description": N_("Other person: description"),
    "case.other_contact": N_("Other person: contact details"),
    "case.sent_without_js": N_("Sent without JavaScript: the server sealed it on arrival."),
    "case.pictures": N_("Pictures ({count})"),
    "case.pictures_hint": N_("They are shown only when you ask, and only in this browser."),
    "case.cleaned_device": N_("Picture {number}: cleaned on the phone"),
    "case.cleaned_server": N_("Picture {number}: cleaned by the server (sent without JavaScript)"),
    "case.about": N_("Who it is about"),
    "case.about_self": N_("The reporter themselves"),
    "case.about_other": N_("About someone else: the reporter is worried about another person"),
    "case.seen": N_("What the reporter saw"),
    "case.language": N_("Language of the reporter"),
    "case.show_picture": N_("Show picture {number}"),
    "case.picture_alt": N_("Picture {number} sent with the report"),
    "case.picture_not_shown": N_(
        "Picture {number} cannot be shown: only JPEG and PNG pictures are opened here."
    ),
    "case.one_way": N_("one-way"),
    "case.one_way_explained": N_(
        "This reporter chose a one-way report: there is no mailbox, so no answer is possible."
    ),
    "case.consents": N_("The reporter allows a signal to: {partners}"),
    "case.no_consents": N_("The reporter allows no signal to any organisation."),
    "case.write_signal": N_("Write a signal"),
    "case.thread": N_("Messages"),
    "case.no_messages": N_("No messages yet."),
    "case.from_reporter": N_("From the reporter"),
    "case.from_team": N_("From the team"),
    "case.notice": N_("Notice to the reporter"),
    "case.reply": N_("Answer the reporter"),
    "case.reply_hint": N_(
        "The reporter reads this in their mailbox with their receipt code. Plain words, and "
        "nothing that would hurt them if someone else read it over their shoulder."
    ),
    "case.send_reply": N_("Send answer"),
    "case.reply_sent": N_("Your answer was sent."),
    "case.notes": N_("Internal notes"),
    "case.notes_hint": N_("Only the team reads these, never the reporter or a partner."),
    "case.add_note": N_("New note"),
    "case.save_note": N_("Save note"),
    "case.note_saved": N_("The note was saved."),
    "case.triage": N_("Triage"),
    "case.save": N_("Save"),
    "case.saved": N_("Saved."),
    "case.acknowledged_on": N_("Acknowledged on {date}"),
    "case.acknowledge_by": N_("Acknowledge by {date}"),
    "case.feedback_by": N_("Feedback by {date}"),
    "team.title": N_("Team"),
    "team.name": N_("Name"),
    "team.roles": N_("Roles"),
    "team.state": N_("State"),
    "team.access": N_("Inbox key"),
    "team.admin": N_("administrator"),
    "team.vp": N_("confidential adviser"),
    "team.you": N_("you"),
    "team.status.invited": N_("invited"),
    "team.status.active": N_("active"),
    "team.status.removed": N_("removed"),
    "team.has_access": N_("has access"),
    "team.waiting": N_("waiting for access"),
    "team.grant": N_("Give {name} access"),
    "team.granted": N_("{name} now has access to the inbox key."),
    "team.remove": N_("Remove {name}"),
    "team.confirm_remove": N_("Click again to remove {name} and renew the inbox key"),
    "team.removed": N_("{name} was removed. The inbox key was renewed for the rest of the team."),
    "team.removed_no_key": N_("{name} was removed."),
    "team.your_safety_number": N_(
        "Your safety number. Colleagues compare it before they give you the inbox key or renew it:"
    ),
    "keycheck.match": N_("Every number matches"),
    "keycheck.cancel": N_("Cancel"),
    "keycheck.how": N_(
        "Ask the other person to read out the number their own screen shows (in person or by "
        "phone), or put the screens side by side. Go on only if every digit is the same: a "
        "different number means the key is not theirs."
    ),
    "keycheck.grant_title": N_("Compare {name}'s safety number"),
    "keycheck.grant_explained": N_(
        "This browser is about to give {name} the inbox key. {name} sees the number on their "
        "own screen while they wait for access."
    ),
    "keycheck.rotation_title": N_("Compare your colleagues' safety numbers"),
    "keycheck.rotation_explained": N_(
        "Removing {name} makes a new inbox key in this browser for the colleagues below. Each "
        "of them sees their number on the Team page."
    ),
    "keycheck.partner_title": N_("Compare the partner's safety number"),
    "keycheck.partner_explained": N_(
        "This is the first signal to this partner key since you logged in. The partner sees "
        "the number next to the key in their console, or from their command line."
    ),
    "team.invite": N_("Invite an adviser"),
    "team.username": N_("Username"),
    "team.also_admin": N_("Also an administrator"),
    "team.send_invite": N_("Make the invitation"),
    "team.invite_link": N_("Give {name} this link, in person or by phone; it works once:"),
    "team.invite_link_hint": N_(
        "After {name} has set up their account, give them access to the inbox key here."
    ),
    "strength.weak": N_("Too weak. Use more words, or less predictable ones."),
    "strength.ok": N_("Strong enough."),
    "enrol.no_token_title": N_("This link is not complete"),
    "enrol.no_token": N_("Open the whole link you were given, or ask for a new one."),
    "enrol.mismatch": N_("The two passphrases are not the same."),
    "enrol.too_short": N_(
        "This passphrase is too short. Use at least {length} characters: several words that "
        "belong together only for you."
    ),
    "enrol.too_weak": N_(
        "This passphrase is too easy to guess. Use more words, or words that belong together "
        "only for you."
    ),
    "enrol.busy": N_("Making your key. This takes a few seconds…"),
    "enrol.totp_title": N_("Second step: your authenticator app"),
    "enrol.totp_explained": N_(
        "Scan this code with an authenticator app on your work phone (for example FreeOTP or "
        "Aegis). You will need a code from it every time you log in."
    ),
    "enrol.qr_label": N_("QR code for your authenticator app"),
    "enrol.totp_manual": N_("Cannot scan? Type this key into the app:"),
    "enrol.totp_code": N_("The 6-digit code the app shows now"),
    "enrol.confirm": N_("Confirm"),
    "enrol.recovery_title": N_("Your recovery codes"),
    "enrol.recovery_explained": N_(
        "Each code logs you in once if you lose your phone. Write them on paper and keep them "
        "somewhere safe; they are shown only now."
    ),
    "enrol.to_console": N_("Go to the console"),
}

SIGNAL_WORDS: dict[str, str] = {
    "signal.title": N_("A signal from the case of {date}"),
    "signal.back": N_("Back to the case"),
    "signal.explained": N_(
        "Write what a partner needs to act, in your own words. Never pass on the report itself, "
        "and leave out whatever could point to the reporter: the person they report may read it "
        "too."
    ),
    "signal.show_report": N_("Show what the reporter wrote"),
    "signal.partners": N_("To whom"),
    "signal.no_key": N_("(has no key yet, so it cannot receive signals)"),
    "signal.no_consent": N_("(the reporter did not allow this)"),
    "signal.under_exception": N_("(not allowed by the reporter: only under the exception)"),
    "signal.use_exception": N_("Pass on without permission under a published exception"),
    "signal.exception": N_("Exception"),
    "signal.exception_reason": N_("Why this exception applies (for the team and the audit log)"),
    "signal.notice": N_("What the reporter reads in their mailbox about this"),
    "signal.notice_default": N_(
        "We have passed on a signal without your name, because we believe there is a serious "
        "danger. Your report itself stays with us. You can write to us here if you have questions."
    ),
    "signal.notice_one_way": N_(
        "This reporter has no mailbox (one-way report), so they cannot be told."
    ),
    "signal.exception_incomplete": N_(
        "Write why the exception applies, and what the reporter will read about it."
    ),
    "signal.about": N_("About the signal"),
    "signal.category": N_("Category"),
    "signal.urgency": N_("Urgency"),
    "signal.period": N_("When (never an exact day)"),
    "signal.area": N_("Where (never an address)"),
    "signal.area_none": N_("Not stated"),
    "signal.region": N_("the Gooi en Vechtstreek region"),
    "signal.text": N_("The signal"),
    "signal.text_hint": N_(
        "The assistant below flags what could identify the reporter. Fix each flag, or keep it "
        "if you are sure it is needed and safe."
    ),
    "signal.assistant": N_("Depersonalisation check"),
    "signal.flags_open": N_("{count} things to check before sending"),
    "signal.flags_clear": N_("Nothing left to check."),
    "signal.send": N_("Lock and send the signal"),
    "flag.show": N_("Show"),
    "flag.keep": N_("Keep it, I checked"),
    "flag.undo": N_("Undo"),
    "flag.kept": N_("kept on purpose"),
    "flag.phone": N_("Phone number"),
    "flag.email": N_("E-mail address"),
    "flag.iban": N_("Bank account (IBAN)"),
    "flag.bsn": N_("Citizen service number (BSN)"),
    "flag.postcode": N_("Postcode"),
    "flag.address": N_("Street address"),
    "flag.plate": N_("Licence plate"),
    "flag.datetime": N_("Exact date or time"),
    "flag.url": N_("Web address"),
    "flag.handle": N_("Social media account"),
    "flag.name": N_("Name"),
    "flag.venue": N_("Named place"),
    "flag.copied": N_("Copied from the report"),
    "hint.coarse_time": N_("use the week or the month instead"),
    "hint.coarse_area": N_("use the town or the region instead"),
    "hint.remove": N_("leave it out, or describe it in general words"),
    "exception.acute_danger": N_("Acute danger to someone's life"),
    "exception.suspected_minor": N_("A suspected victim under 18"),
    "exception.legal_duty": N_("A legal duty to report"),
    "urgency.normal": N_("Normal"),
    "urgency.urgent": N_("Urgent"),
    "urgency.acute": N_("Acute"),
    "period.this_week": N_("This week"),
    "period.last_week": N_("Last week"),
    "period.this_month": N_("This month"),
    "period.last_month": N_("Last month"),
    "period.this_quarter": N_("This quarter"),
    "period.last_quarter": N_("Last quarter"),
    "signals.title": N_("Signals"),
    "signals.sent_now": N_("Sent now because of acute danger."),
    "signals.queued": N_(
        "The signal is locked. It goes out with the next release of signals, at {time}."
    ),
    "signals.queued_until": N_("Queued until {time}"),
    "signals.waiting": N_("waiting for the release"),
    "signals.withdraw": N_("Withdraw"),
    "signals.withdrawn": N_("The signal was withdrawn. No organisation received it."),
    "signals.held.partner_inactive": N_(
        "Held: this organisation is not active. The signal goes out with the first release "
        "after it is active again, unless you withdraw it."
    ),
    "signals.held.stale_partner_key": N_(
        "Held: the organisation's key changed after this signal was written. Withdraw it and "
        "write the signal again."
    ),
    "signals.held.already_received": N_(
        "Held: a signal with the same id was already sent. Withdraw it and write it again."
    ),
    "signals.none": N_("No signals yet."),
    "signals.from_case": N_("From this case"),
    "signals.case_erased": N_("Report erased by the reporter on {date}"),
    "signals.acknowledged": N_("received on {date}"),
    "signals.not_yet": N_("not yet received"),
    "signals.read_feedback": N_("Read feedback ({count})"),
}

STATUSES = {
    "new": N_("New"),
    "in_progress": N_("In progress"),
    "waiting": N_("Waiting"),
    "closed": N_("Closed"),
}


def _grouped(prefix: str, table: dict[str, str]) -> dict[str, str]:
    return {f"{prefix}.{key}": message for key, message in table.items()}


MESSAGES: dict[str, str] = {
    **_FIXED,
    **SIGNAL_WORDS,
    **ADMIN_WORDS,
    **SECURITY_KEY_WORDS,
    **_grouped("status", STATUSES),
    **_grouped("wants", report_form.WANTS),
    **_grouped("seen", report_form.SEEN),
    **_grouped("category", {k: label for k, (label, _example) in report_form.CATEGORIES.items()}),
    **_grouped("when", report_form.WHEN),
    **_grouped("municipality", report_form.MUNICIPALITIES),
    **_grouped("place", report_form.PLACES),
}
