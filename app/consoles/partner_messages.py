"""The words the partner console's scripts show, by key; the values are English message ids (N_).

The partner console (/partner/) shares the login, the lock and the passphrase checks with the
advisers' console, so those words are taken from there under the same keys; the rest are its own.
"""

from __future__ import annotations

from app.consoles.messages import MESSAGES
from app.errors import N_

_SHARED = (
    "console.error",
    "console.locked",
    "console.locked_by_you",
    "console.session_ended",
    "login.busy",
    "login.failed",
    "strength.weak",
    "strength.ok",
    "enrol.mismatch",
    "enrol.too_short",
    "enrol.too_weak",
)

_OWN: dict[str, str] = {
    "keys.title": N_("Your organisation's key"),
    "keys.explained": N_(
        "Signals for your organisation are locked with its key. The server has only the public "
        "half; the private half is in a key file that your organisation keeps, protected by a "
        "passphrase. Open it here: it is used in this browser only, and forgotten when the "
        "console locks."
    ),
    "keys.held_title": N_("Open keys"),
    "keys.key_id": N_("Key id"),
    "keys.fingerprint": N_("Fingerprint"),
    "keys.source": N_("From"),
    "keys.made_here": N_("made in this browser"),
    "keys.download_again": N_("Save the key file again"),
    "keys.to_signals": N_("Go to the signals"),
    "keys.open_title": N_("Open our key file"),
    "keys.file": N_("Key file"),
    "keys.file_passphrase": N_("Passphrase of the key file"),
    "keys.several": N_(
        "You can open more than one key file, for example an old and a new key: a signal stays "
        "locked with the key it was sent to."
    ),
    "keys.open": N_("Open the key file"),
    "keys.opening": N_("Opening…"),
    "keys.opened": N_("Key {key} is open."),
    "keys.already_open": N_("This key is already open."),
    "keys.wrong_passphrase": N_("This passphrase does not open this key file."),
    "keys.not_a_file": N_("This is not a Vertrouwenspunt partner key file, or it is damaged."),
    "keys.weak_kdf": N_(
        "This key file is protected with weaker settings than the published minimum, so it was "
        "not opened. Make a new key, or ask who gave you the file."
    ),
    "keys.safety_number": N_("Safety number"),
    "keys.new_title": N_("Make a new key"),
    "keys.new_explained": N_(
        "Only when your organisation has no key yet, or replaces its key. You need the one-time "
        "key enrolment code from the administrator of Vertrouwenspunt. The key is made in this "
        "browser; only its public half goes to the server."
    ),
    "keys.code": N_("Key enrolment code from the administrator"),
    "keys.new_passphrase": N_("Passphrase for the key file"),
    "keys.new_passphrase_hint": N_(
        "Everyone in your organisation who reads signals needs the file and this passphrase. "
        "Several words that belong together only for you; nobody can reset it."
    ),
    "keys.new_passphrase_repeat": N_("Passphrase for the key file again"),
    "keys.make": N_("Make and register the key"),
    "keys.making": N_("Making the key and registering its public half. This takes a few seconds…"),
    "keys.server_mismatch": N_(
        "The server did not register the key made here. Do not use it, and tell the administrator."
    ),
    "keys.save_title": N_("Save the key file now"),
    "keys.save_warning": N_(
        "Without this file and its passphrase, no signal sent to this key can ever be opened "
        "again. The server has only the public half and cannot recover it, and nobody can reset "
        "the passphrase. Save the file now, keep a copy in a safe place, and give it only to "
        "the colleagues who read signals."
    ),
    "keys.download": N_("Save the key file"),
    "keys.compare": N_(
        "Compare this fingerprint with the one the administrator sees, by phone or in person. "
        "If they differ, do not use this key and tell the administrator."
    ),
    "signals.title": N_("Signals"),
    "signals.no_keys": N_(
        "No key file is open: you see the list, but cannot read the signals. Open your key file "
        "under Key files."
    ),
    "signals.sent": N_("Sent"),
    "signals.category": N_("Category"),
    "signals.urgency": N_("Urgency"),
    "signals.period": N_("Period"),
    "signals.status": N_("Status"),
    "signals.count": N_("Signals: {count}"),
    "signals.empty": N_("No signals yet."),
    "signal.title": N_("Signal sent on {date}"),
    "signal.back": N_("Back to the signals"),
    "signal.content": N_("The signal"),
    "signal.opened_with": N_("Opened in this browser with key {key} (fingerprint {fingerprint})."),
    "signal.key_not_open": N_(
        "This signal is locked with key {key}, which is not open in this browser. Open the key "
        "file of that key under Key files."
    ),
    "signal.unreadable": N_(
        "This signal could not be opened with key {key}. It may be damaged; tell the advisers."
    ),
    "signal.acknowledge": N_("Acknowledge receipt"),
    "signal.acknowledge_hint": N_(
        "Tells the advisers that your organisation has received this signal."
    ),
    "signal.acknowledged": N_("Receipt acknowledged."),
    "signal.acknowledged_on": N_("Receipt acknowledged on {date}."),
    "signal.feedback": N_("Send feedback or a question to the advisers"),
    "signal.feedback_hint": N_(
        "Only the advisers read this: it is locked with their key in this browser. You never "
        "contact the reporter yourself; the advisers decide what to ask the reporter."
    ),
    "signal.send_feedback": N_("Send to the advisers"),
    "signal.feedback_sent": N_("Your message was sent to the advisers."),
    "signal_status.new": N_("New"),
    "signal_status.acknowledged": N_("Acknowledged"),
    "urgency.normal": N_("Normal"),
    "urgency.urgent": N_("Urgent"),
    "urgency.acute": N_("Acute"),
    "field.area": N_("Area"),
    "field.period": N_("Period"),
}

PARTNER_MESSAGES: dict[str, str] = {
    **{key: MESSAGES[key] for key in _SHARED},
    **_OWN,
    **{key: message for key, message in MESSAGES.items() if key.startswith("category.")},
}
