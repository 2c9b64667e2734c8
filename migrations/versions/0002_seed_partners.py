"""seed the region's chain partners

They are data, not code: admins edit, deactivate or add partners afterwards, and because this runs
exactly once per database a deleted partner does not come back.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

PARTNERS = [
    (
        "politie-avim",
        "Politie – AVIM",
        "police",
        "De afdeling van de politie die mensenhandel en uitbuiting onderzoekt.",
    ),
    (
        "politie-wijkagent",
        "Politie – wijkagent",
        "police",
        "De agent van de politie voor de buurt waar het gebeurde.",
    ),
    (
        "ggd-soa-poli",
        "GGD Gooi en Vechtstreek (soa-poli)",
        "care",
        "Gratis en anoniem testen op soa, PEP, PrEP en vragen over gezondheid.",
    ),
    (
        "belle",
        "Belle Hulpverlening",
        "care",
        "Hulp en advies voor sekswerkers, ook bij geld, wonen en stoppen.",
    ),
    (
        "zorgcoordinator-mensenhandel",
        "Zorgcoördinator Mensenhandel Regio Gooi en Vechtstreek",
        "care",
        "Helpt mensen die gedwongen worden of worden uitgebuit, met opvang en hulp.",
    ),
    (
        "sociaal-plein",
        "Sociaal Plein Hilversum",
        "care",
        "Hulp van de gemeente bij wonen, geld, uitkering en zorg.",
    ),
    (
        "scharlaken-koord",
        "Scharlaken Koord",
        "care",
        "Hulp voor sekswerkers die willen stoppen of ander werk zoeken.",
    ),
    (
        "gemeente-toezicht",
        "Gemeente Hilversum – toezicht sekswerk",
        "municipality",
        "De gemeente controleert of werkplekken veilig zijn en zich aan de regels houden.",
    ),
]

partners = sa.table(
    "partners",
    sa.column("id", sa.String),
    sa.column("name", sa.String),
    sa.column("kind", sa.String),
    sa.column("description", sa.Text),
    sa.column("active", sa.Boolean),
    sa.column("created_at", sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    now = datetime.now(UTC)
    op.bulk_insert(
        partners,
        [
            {
                "id": id_,
                "name": name,
                "kind": kind,
                "description": description,
                "active": True,
                "created_at": now,
            }
            for id_, name, kind, description in PARTNERS
        ],
    )


def downgrade() -> None:
    op.execute(partners.delete().where(partners.c.id.in_([p[0] for p in PARTNERS])))
