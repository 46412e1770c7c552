"""The Metaverse Seoul city-services reference server: Open311 civil complaints, facility
reservations and the festival schedule (FastAPI, SQLAlchemy 2, SQLite or PostgreSQL).

Build the app with `city_services.app.create_app(database_url, **options)`; run it with
`python -m city_services --db URL --host 127.0.0.1 --port 8311`.
"""
