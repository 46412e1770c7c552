"""Alembic environment: runs on the connection the app hands over (`Database.migrate`), or, for
developers creating a revision from the command line, on `-x db=URL` (see city_services/alembic.ini)."""

from alembic import context
from sqlalchemy import create_engine

from city_services.db import normalise_url
from city_services.models import Base

target_metadata = Base.metadata


def run_on(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("db") or context.config.get_main_option("sqlalchemy.url")
    engine = create_engine(normalise_url(url))
    with engine.connect() as connection:
        run_on(connection)
        connection.commit()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run against a database with -x db=URL")
run()
