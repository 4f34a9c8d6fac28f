"""The domain: facts in, decisions out. No Textual, no SQLAlchemy here."""
