"""residents: resident keys issued by the server; reservations' person keys in E.164

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 07:00:00
"""
from alembic import op
import sqlalchemy as sa

from city_services.phones import person_key


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('residents',
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key_hash')
    )
    # The quota's person was the national digits; now the E.164 number, so that existing bookings
    # still count against the person who holds them.
    reservations = sa.table('reservations', sa.column('id', sa.String), sa.column('phone', sa.String),
                            sa.column('phone_digits', sa.String))
    connection = op.get_bind()
    for row in connection.execute(sa.select(reservations.c.id, reservations.c.phone)).all():
        connection.execute(reservations.update().where(reservations.c.id == row.id)
                           .values(phone_digits=person_key(row.phone)))


def downgrade() -> None:
    op.drop_table('residents')
