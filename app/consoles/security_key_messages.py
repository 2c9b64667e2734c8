"""The words of the console's security-key parts (views/account.js, security-keys.js), by key.

The values are English message ids (N_), merged into the console's MESSAGES (messages.py).
"""

from __future__ import annotations

from app.errors import N_

SECURITY_KEY_WORDS: dict[str, str] = {
    "account.title": N_("My account"),
    "account.signed_in_as": N_("You are logged in as {name}."),
    "account.security_keys": N_("Security keys"),
    "account.explained": N_(
        "A security key (a USB or NFC key, such as a YubiKey) can take the place of the code "
        "from your authenticator app when you log in. Your authenticator app and your recovery "
        "codes keep working."
    ),
    "account.none": N_("You have no security keys yet."),
    "account.name": N_("Name"),
    "account.added": N_("Added on"),
    "account.last_used": N_("Last used on"),
    "account.never": N_("never"),
    "account.remove": N_("Remove {name}"),
    "account.confirm_remove": N_("Really remove {name}?"),
    "account.removed": N_("The security key {name} is removed."),
    "account.add": N_("Add a security key"),
    "account.key_name": N_("A name for this key"),
    "account.key_name_hint": N_(
        "So that you can tell your keys apart, for example “YubiKey blue”. "
        "Colleagues do not see it."
    ),
    "account.add_button": N_("Add the key"),
    "account.touch": N_("Insert your security key and touch it when it blinks."),
    "account.added_key": N_("The security key {name} is added."),
    "securitykey.cancelled": N_("No security key answered, or it was cancelled. Try again."),
    "securitykey.already": N_("This security key is already registered."),
    "securitykey.unsupported": N_("This browser cannot use security keys."),
    # The same words as every other failed login: the page does not tell whether a user exists.
    "login.security_key_failed": N_("Login failed. Check your username, passphrase and code."),
}
