"""The tables. The migration in `storage/migrations/versions` creates exactly these (a test
compares them), plus the triggers that make the audit log append-only.

Times are stored in UTC and always come back timezone-aware, on SQLite too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.types import JsonType, UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dt.datetime: UTCDateTime, dict[str, Any]: JsonType}  # noqa: RUF012


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[dt.datetime]


class CaseCounter(Base):
    """The last number handed out per year; bumped in the same transaction as the insert."""

    __tablename__ = "case_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer)


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("year", "seq"),
        Index("ix_cases_status_created", "status", "created_at"),
        Index("ix_cases_effective_level_created", "effective_level", "created_at"),
        Index("ix_cases_origin_created", "origin_code", "created_at"),
        Index("ix_cases_created_by", "created_by"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)  # YYYY-NNNN
    year: Mapped[int]
    seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(index=True)
    created_by: Mapped[str] = mapped_column(ForeignKey("users.username"))
    assignee: Mapped[str | None] = mapped_column(ForeignKey("users.username"))
    level: Mapped[str] = mapped_column(String(20))
    level_override: Mapped[str | None] = mapped_column(String(20))
    override_reason: Mapped[str] = mapped_column(Text, default="")
    # The level in force (the override when there is one), kept so that it can be indexed.
    effective_level: Mapped[str] = mapped_column(String(20))
    urgency: Mapped[str] = mapped_column(String(16))
    origin_code: Mapped[str | None] = mapped_column(String(4))
    record: Mapped[dict[str, Any]]
    assessment: Mapped[dict[str, Any]]
    dialogue_id: Mapped[str] = mapped_column(String(100))
    dialogue_version: Mapped[str] = mapped_column(String(50))
    dialogue_sha256: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    # The latest entry in the file (creation, a change, a completed task): retention counts
    # from here.
    last_entry_at: Mapped[dt.datetime]
    version: Mapped[int] = mapped_column(Integer)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    transcript: Mapped[list[TranscriptEntry]] = relationship(
        back_populates="case", order_by="TranscriptEntry.position", cascade="all, delete-orphan"
    )
    tasks: Mapped[list[Task]] = relationship(
        back_populates="case", order_by="Task.position", cascade="all, delete-orphan"
    )


class TranscriptEntry(Base):
    """One question and its answer, exactly as shown on screen, in order."""

    __tablename__ = "transcript_entries"
    __table_args__ = (UniqueConstraint("case_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    position: Mapped[int]
    question_id: Mapped[str] = mapped_column(String(100))
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)

    case: Mapped[Case] = relationship(back_populates="transcript")


class Task(Base):
    """A next step of the case (from the assessment's `next_steps`)."""

    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    code: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    due: Mapped[dt.date | None] = mapped_column(Date)
    basis: Mapped[str] = mapped_column(Text, default="")
    done_at: Mapped[dt.datetime | None]
    done_by: Mapped[str | None] = mapped_column(ForeignKey("users.username"))
    note: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="tasks")


class CaseChange(Base):
    """A correction or update of a created case: the old value stays on file beside the new
    one. `version` is the case version the change produced, so a conflict can name what
    changed since the caller's version."""

    __tablename__ = "case_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime]
    username: Mapped[str] = mapped_column(ForeignKey("users.username"))
    field: Mapped[str] = mapped_column(String(64))
    old_value: Mapped[Any] = mapped_column(JsonType, nullable=True)
    new_value: Mapped[Any] = mapped_column(JsonType, nullable=True)
    version: Mapped[int]


class Draft(Base):
    """An unfinished intake, rewritten after every answer."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_by: Mapped[str] = mapped_column(ForeignKey("users.username"), index=True)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    events: Mapped[list[dict[str, Any]]] = mapped_column(JsonType)
    dialogue_id: Mapped[str] = mapped_column(String(100))
    dialogue_version: Mapped[str] = mapped_column(String(50))
    dialogue_sha256: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))


class AuditEvent(Base):
    """Who did what to which case, and when: no personal data, never changed or removed
    (database triggers refuse UPDATE and DELETE). Not linked by foreign key, so that it
    outlives the purged case and stays readable."""

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_case", "case_number", "at"),
        Index("ix_audit_user", "username", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime]
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(20))
    case_number: Mapped[str | None] = mapped_column(String(16))
