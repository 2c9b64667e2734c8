"""The words of the console's administration pages (views/admin*.js), by key; English ids (N_).

Merged into the console's MESSAGES (messages.py), so the shell hands them to the scripts with the
rest and Babel extracts them from here.
"""

from __future__ import annotations

from app.errors import N_

ADMIN_WORDS: dict[str, str] = {
    "admin.title": N_("Administration"),
    "admin.overview.title": N_("Overview"),
    "admin.sections": N_("Administration pages"),
    "admin.overview.partners": N_("Chain partners, their keys, API tokens and users."),
    "admin.overview.audit": N_(
        "Every action on a case, a signal, a partner or the team, and whether the log is intact."
    ),
    "admin.overview.figures": N_(
        "Figures per quarter for the municipality, with small numbers hidden."
    ),
    "admin.overview.team": N_(
        "Advisers and administrators (inviting, access to the inbox key, removal) are on the "
        "Team page."
    ),
    "admin.overview.chain": N_("The audit log"),
    "admin.overview.to_audit": N_("Open the audit log"),
    "admin.team": N_("Team"),
    # Chain partners
    "admin.partners.title": N_("Chain partners"),
    "admin.partners.explained": N_(
        "A partner receives signals only once it has a key. The partner makes its key itself, "
        "with a one-time key enrolment code from you; before signals go to a new key, compare "
        "its fingerprint with the partner's technical contact, by phone or in person."
    ),
    "admin.partners.refresh": N_("Refresh the list"),
    "admin.partners.none": N_("There are no partners yet."),
    "admin.partners.add": N_("Add a partner"),
    "admin.partners.id": N_(
        "Id: lowercase letters, digits and hyphens; it cannot be changed afterwards"
    ),
    "admin.partners.name": N_("Name"),
    "admin.partners.kind": N_("Kind"),
    "admin.partners.description": N_("Description (reporters read this when they choose)"),
    "admin.partners.save_new": N_("Add the partner"),
    "admin.partners.added": N_("{name} was added. It has no key yet."),
    "admin.partners.active": N_("active"),
    "admin.partners.inactive": N_("inactive"),
    "admin.kind.police": N_("Police"),
    "admin.kind.care": N_("Care"),
    "admin.kind.municipality": N_("Municipality"),
    "admin.partners.current_key": N_("Current key:"),
    "admin.partners.no_key": N_("No key yet, so this partner cannot receive signals."),
    "admin.partners.keys": N_("Keys of {name}"),
    "admin.partners.key_id": N_("Key id"),
    "admin.partners.fingerprint": N_("Fingerprint"),
    "admin.partners.registered": N_("Registered"),
    "admin.partners.state": N_("State"),
    "admin.partners.key_current": N_("current: new signals are locked with this key"),
    "admin.partners.key_older": N_("replaced by a newer key"),
    "admin.partners.key_retired": N_("retired on {date}"),
    "admin.partners.retire": N_("Retire"),
    "admin.partners.confirm_retire": N_("Click again to retire this key"),
    "admin.partners.retired": N_(
        "The key of {name} was retired. New signals are locked with its newest key that is not "
        "retired, if there is one."
    ),
    "admin.partners.tokens": N_("API tokens of {name}"),
    "admin.partners.token_name": N_("Name"),
    "admin.partners.made": N_("Made"),
    "admin.partners.last_used": N_("Last used"),
    "admin.partners.never_used": N_("never"),
    "admin.partners.token_live": N_("valid"),
    "admin.partners.token_revoked": N_("revoked on {date}"),
    "admin.partners.revoke": N_("Revoke"),
    "admin.partners.confirm_revoke": N_("Click again to revoke “{name}”"),
    "admin.partners.revoked": N_("The API token “{name}” was revoked. It no longer works."),
    "admin.partners.users": N_("Users of {name}"),
    "admin.partners.no_tokens": N_("No API tokens."),
    "admin.partners.no_users": N_("No partner users."),
    "admin.partners.username": N_("Username"),
    "admin.partners.remove_user": N_("Remove"),
    "admin.partners.confirm_remove_user": N_("Click again to remove {name}"),
    "admin.partners.user_removed": N_("{name} was removed and can no longer log in."),
    "admin.partners.make_enrolment": N_("Make a key enrolment code"),
    "admin.partners.enrolment_code": N_(
        "Key enrolment code for {name}. It works once, for {hours} hours, and is shown only now:"
    ),
    "admin.partners.enrolment_hint": N_(
        "Give this code to the partner's technical contact in person or by phone, never by "
        "e-mail or chat. They make their key with it in the partner console or with "
        "vertrouwenspunt-partner register. Then compare the fingerprint they see with the one "
        "listed here; if it differs, retire that key at once."
    ),
    "admin.partners.deactivate": N_("Deactivate"),
    "admin.partners.reactivate": N_("Reactivate"),
    "admin.partners.deactivate_hint": N_(
        "An inactive partner is not offered to reporters, gets no new signals, and its API "
        "tokens stop working."
    ),
    "admin.partners.deactivated": N_("{name} is now inactive."),
    "admin.partners.reactivated": N_("{name} is active again."),
    "admin.partners.edit": N_("Change name, kind or description"),
    "admin.partners.save": N_("Save the changes"),
    "admin.partners.saved": N_("The changes to {name} were saved."),
    "admin.partners.texts": N_("Texts for reporters in other languages"),
    "admin.partners.texts_hint": N_(
        "Reporters read the text in the language of their page; where there is none, the "
        "English text, and else the Dutch one above. Empty both fields to remove a text."
    ),
    "admin.partners.texts_missing": N_("No text yet in: {languages}"),
    "admin.partners.language": N_("Language"),
    "admin.partners.text_missing": N_(
        "No text in this language yet: reporters see the English text, or else the Dutch one."
    ),
    "admin.partners.text_name": N_("Name in this language"),
    "admin.partners.text_description": N_("Description in this language"),
    "admin.partners.save_text": N_("Save this text"),
    "admin.partners.text_saved": N_("The {language} text of {name} was saved."),
    "admin.partners.text_removed": N_("The {language} text of {name} was removed."),
    "admin.partners.make_token": N_("Make an API token"),
    "admin.partners.make_token_now": N_("Make the API token"),
    "admin.partners.new_token_name": N_("What the token is for, e.g. the partner's own system"),
    "admin.partners.token_made": N_(
        "API token “{name}” for {partner}. It is shown only now and cannot be shown again:"
    ),
    "admin.partners.token_hint": N_(
        "Give it to the partner's technical contact in person or by phone. Whoever has it can "
        "read the signals of {partner} until you revoke it."
    ),
    "admin.partners.invite": N_("Invite a partner user"),
    "admin.partners.send_invite": N_("Make the invitation"),
    "admin.partners.invite_link": N_(
        "Give {name} this link in person or by phone. It works once and is shown only now:"
    ),
    "admin.partners.invite_hint": N_(
        "With it, {name} sets a passphrase and an authenticator app, and then sees only the "
        "signals of {partner} in the partner console."
    ),
    # The audit log
    "admin.audit.title": N_("Audit log"),
    "admin.audit.explained": N_(
        "Every action on a case, a signal, a partner or the team is written here, and each entry "
        "is linked to the one before it by a hash. Entries name a case or a signal only by a "
        "reference, never the reporter. Reading this page is itself written to the log."
    ),
    "admin.audit.verification": N_("Verification of the chain"),
    "admin.audit.valid": N_(
        "Valid: the chain is intact. No entry was changed, removed, inserted or reordered."
    ),
    "admin.audit.broken": N_(
        "Broken: the audit log was changed outside the service. Change nothing, download the "
        "export, write down the entries listed below, and tell the privacy officer."
    ),
    "admin.audit.problem": N_("Entry {seq}: {reason}"),
    "admin.audit.show_entry": N_("Show entry {seq}"),
    "admin.audit.empty": N_("The log is still empty."),
    "admin.audit.head": N_("The newest entry is number {seq}. Its hash is {hash}."),
    "admin.audit.anchor": N_(
        "Write this anchor down outside the service, for example on paper, now and then:"
    ),
    "admin.audit.anchor_hint": N_(
        "Later, this command on the server checks that the entry is still there unchanged. It "
        "also catches a database put back from an old copy, which the chain alone cannot:"
    ),
    "admin.audit.download": N_("Download the whole log (JSON lines)"),
    "admin.audit.downloaded": N_(
        "The log was downloaded as {file}. The download is itself in the log."
    ),
    "admin.audit.entries": N_("Entries, newest first"),
    "admin.audit.range": N_("Entries {first} to {last}"),
    "admin.audit.seq": N_("No."),
    "admin.audit.time": N_("Time"),
    "admin.audit.actor": N_("By"),
    "admin.audit.action": N_("Action"),
    "admin.audit.about": N_("About"),
    "admin.audit.none_here": N_("No entries here."),
    "admin.audit.older": N_("Older entries"),
    "admin.audit.newer": N_("Newer entries"),
    "admin.audit.newest": N_("Newest entries"),
    "admin.audit.by_staff": N_("staff member {id}"),
    "admin.audit.by_token": N_("API token {name}"),
    "admin.audit.by_token_of": N_("API token “{name}” of {partner}"),
    "admin.audit.by_cli": N_("command line on the server"),
    "admin.audit.by_system": N_("the service itself"),
    "admin.audit.by_enrolment": N_("a one-time key enrolment code"),
    "admin.audit.case": N_("case {ref}"),
    # A case entry names its case only sealed to the inbox key (R5); advisers open it here.
    "admin.audit.case_sealed": N_("case (sealed: only advisers can open it)"),
    "admin.audit.case_unopened": N_("case (sealed: it does not open with your inbox keys)"),
    "admin.audit.case_old": N_("case (written before case references were sealed)"),
    "admin.audit.case_history": N_("history of this case"),
    "admin.audit.history_title": N_("History of case {ref}"),
    "admin.audit.history_explained": N_(
        "This browser opened every entry of the log with the inbox key and kept those about this "
        "case. The server cannot tell which entries they are."
    ),
    "admin.audit.signal": N_("signal {ref}"),
    # Figures (R8)
    "admin.figures.title": N_("Figures"),
    "admin.figures.suppression": N_(
        "A number below {k} is shown as <{k} so that nobody can be recognised in a small group, "
        "and there are no totals, because a total would give a hidden number away."
    ),
    "admin.figures.generated": N_(
        "Made on {date}. They cover only what has not yet been deleted under the retention "
        "periods, so keep the download of each quarter."
    ),
    "admin.figures.download": N_("Download as CSV"),
    "admin.figures.downloaded": N_("The figures were downloaded as {file}."),
    "admin.figures.none": N_("There are no figures yet."),
    "admin.figures.caption": N_("Figures per quarter and category"),
    "admin.figures.quarter": N_("Quarter"),
    "admin.figures.category": N_("Category"),
    "admin.figures.cases_received": N_("Cases received"),
    "admin.figures.cases_with_mailbox": N_("Of which with a mailbox"),
    "admin.figures.acknowledged_in_time": N_("Acknowledged within 7 days"),
    "admin.figures.median_days_to_acknowledgement": N_("Median days to acknowledgement"),
    "admin.figures.signals_police": N_("Signals to the police"),
    "admin.figures.signals_care": N_("Signals to care partners"),
    "admin.figures.signals_municipality": N_("Signals to the municipality"),
    "admin.figures.unlabelled": N_("Not labelled"),
    "admin.figures.hidden": N_("hidden: fewer than {k}"),
}
