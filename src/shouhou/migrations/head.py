"""The newest revision; compared with the database's on open so alembic loads only when needed.

Update this constant whenever a revision is added (a test checks it matches alembic's head).
"""

HEAD_REVISION = "0009_complaints_surveys"
