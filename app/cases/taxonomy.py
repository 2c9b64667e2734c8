"""Report category ids from shared/TAXONOMY.md: the labels a VP may put on a case."""

from __future__ import annotations

CATEGORY_IDS = (
    "just_talk",
    "physical_violence",
    "sexual_violence",
    "stealthing",
    "robbery_theft",
    "non_payment_fraud",
    "threats",
    "verbal_abuse_intimidation",
    "stalking_harassment",
    "blackmail_outing",
    "image_abuse_sextortion",
    "doxing_review_sites",
    "coercion_trafficking_signals",
    "suspected_minor",
    "money_mule_criminal_exploitation",
    "police_enforcement_conduct",
    "discrimination_services",
    "housing_landlord",
    "workplace_operator",
    "health_access",
    "dangerous_client_warning",
    "wants_to_stop",
    "other",
)
