"""facilities: booking lead time

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07 04:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('facilities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('booking_lead_minutes', sa.Integer(), nullable=False,
                                      server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('facilities', schema=None) as batch_op:
        batch_op.drop_column('booking_lead_minutes')
