"""Tortoise ORM models: the database schema of Ratsbot (declarations only, no queries).

OParl ids (URLs) are the external keys (`oparl_id`, unique): a re-sync upserts instead of
duplicating. The same models run on SQLite (default) and PostgreSQL; migrations live in
`storage/migrations/` and are made with `make migrations`.
"""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

# NO_COMMENTS: at class creation tortoise reads each model's source (inspect.getsource, a regex)
# for "#:" field comments to use as column descriptions: about 30 ms per model, 0.4 s of every
# process that imports the models. These models have no such comments; `_no_comments` skips it.


class Kommune(Model):
    """A municipality: one OParl Body, reached through one of its system URLs."""

    _no_comments = True  # see NO_COMMENTS above

    id = fields.IntField(primary_key=True)
    oparl_id = fields.CharField(max_length=500, unique=True)
    name = fields.CharField(max_length=200)
    slug = fields.CharField(max_length=100, unique=True)
    system_url = fields.CharField(max_length=500, null=True)
    vendor = fields.CharField(max_length=50, null=True)
    web_url = fields.CharField(max_length=500, null=True)
    # The Body's Amtlicher Gemeindeschlüssel (fetcher.model.Body.ags): where the Land comes from.
    ags = fields.CharField(max_length=12, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "kommune"


class Organization(Model):
    """An OParl Organization: a faction (Fraktion), committee (Ausschuss) or the council itself."""

    _no_comments = True  # see NO_COMMENTS above

    id = fields.IntField(primary_key=True)
    oparl_id = fields.CharField(max_length=500, unique=True)
    kommune: fields.ForeignKeyRelation[Kommune] = fields.ForeignKeyField(
        "models.Kommune", related_name="organizations", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=500)
    short_name = fields.CharField(max_length=200, null=True)
    classification = fields.CharField(max_length=200, null=True)
    # Canonical faction name (fetcher.factions) when this organization is a faction.
    faction = fields.CharField(max_length=200, null=True, db_index=True)
    deleted = fields.BooleanField(default=False)

    class Meta:
        table = "organization"


class Person(Model):
    """An OParl Person (council member)."""

    _no_comments = True  # see NO_COMMENTS above

    id = fields.IntField(primary_key=True)
    oparl_id = fields.CharField(max_length=500, unique=True)
    kommune: fields.ForeignKeyRelation[Kommune] = fields.ForeignKeyField(
        "models.Kommune", related_name="persons", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=300)
    deleted = fields.BooleanField(default=False)

    class Meta:
        table = "person"


class Paper(Model):
    """An OParl Paper (Drucksache) with what the parser read from its PDF."""

    _no_comments = True  # see NO_COMMENTS above

    id = fields.IntField(primary_key=True)
    oparl_id = fields.CharField(max_length=500, unique=True)
    kommune: fields.ForeignKeyRelation[Kommune] = fields.ForeignKeyField(
        "models.Kommune", related_name="papers", on_delete=fields.CASCADE
    )
    reference = fields.CharField(max_length=100, null=True)
    # Normalised reference (fetcher.classify.normalise_reference): dedup across id migrations.
    reference_key = fields.CharField(max_length=100, null=True, db_index=True)
    title = fields.TextField()
    paper_type = fields.CharField(max_length=200, null=True)
    kind = fields.CharField(max_length=30, default="sonstiges", db_index=True)
    date = fields.DateField(null=True, db_index=True)
    web_url = fields.CharField(max_length=1000, null=True)
    pdf_url = fields.CharField(max_length=1000, null=True)
    submitters: fields.JSONField[list[Any]] = fields.JSONField(default=list)
    factions: fields.JSONField[list[Any]] = fields.JSONField(default=list)
    citizen_inquiry = fields.BooleanField(default=False)
    status = fields.CharField(max_length=100, null=True)
    consultations: fields.JSONField[list[Any]] = fields.JSONField(default=list)
    questions: fields.JSONField[list[Any]] = fields.JSONField(default=list)
    answers: fields.JSONField[list[Any]] = fields.JSONField(default=list)
    summary = fields.TextField(null=True)
    full_text = fields.TextField(null=True)
    parse_status = fields.CharField(max_length=30, default="pending")
    # False until the paper's document is read and its notifications are queued; a poll finishes
    # unprocessed papers first, so a crash between storing and notifying loses nothing.
    processed = fields.BooleanField(default=False, db_index=True)
    # The inquiry this paper answers (Antwort → Anfrage).
    answer_to: fields.ForeignKeyNullableRelation[Paper] = fields.ForeignKeyField(
        "models.Paper", related_name="answers_papers", null=True, on_delete=fields.SET_NULL
    )
    hidden = fields.BooleanField(default=False)
    deleted = fields.BooleanField(default=False)
    oparl_created = fields.DatetimeField(null=True)
    oparl_modified = fields.DatetimeField(null=True)
    # Unknown OParl fields, kept as served.
    extra: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "paper"


class File(Model):
    """An OParl File (PDF) of a paper, with its download and parse state."""

    _no_comments = True  # see NO_COMMENTS above

    id = fields.IntField(primary_key=True)
    oparl_id = fields.CharField(max_length=500, unique=True)
    paper: fields.ForeignKeyNullableRelation[Paper] = fields.ForeignKeyField(
        "models.Paper", related_name="files", null=True, on_delete=fields.CASCADE
    )
    role = fields.CharField(max_length=20, default="attachment")
    name = fields.CharField(max_length=500, null=True)
    mime_type = fields.CharField(max_length=100, null=True)
    url = fields.CharField(max_length=1000, null=True)
    size = fields.BigIntField(null=True)
    sha256 = fields.CharField(max_length=64, null=True)
    parse_status = fields.CharField(max_length=30, default="pending")
    parse_error = fields.TextField(null=True)
    pages = fields.IntField(null=True)
    text_chars = fields.IntField(null=True)
    ocr = fields.BooleanField(default=False)
    deleted = fields.BooleanField(default=False)
    # A failed download or parse is tried again on later polls (storage.document_retry).
    fetch_attempts = fields.IntField(default=0)
    retry_at = fields.DatetimeField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "file"


class Meeting(Model):
    """An OParl Meeting (Sitzung), e.g. a Ratsversammlung."""

    _no_comments = True  # see NO_COMMENTS above

    id = fields.IntField(primary_key=True)
    oparl_id = fields.CharField(max_length=500, unique=True)
    kommune: fields.ForeignKeyRelation[Kommune] = fields.ForeignKeyField(
        "models.Kommune", related_name="meetings", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=500, null=True)
    start = fields.DatetimeField(null=True, db_index=True)
    end = fields.DatetimeField(null=True)
    # The start we last told chats about; differs from `start` when a meeting was moved.
    announced_start = fields.DatetimeField(null=True)
    location = fields.TextField(null=True)
    cancelled = fields.BooleanField(default=False)
    organizations: fields.JSONField[list[Any]] = fields.JSONField(default=list)
    web_url = fields.CharField(max_length=1000, null=True)
    deleted = fields.BooleanField(default=False)
    oparl_modified = fields.DatetimeField(null=True)

    class Meta:
        table = "meeting"


class AgendaItem(Model):
    """An OParl AgendaItem (Tagesordnungspunkt) of a meeting."""

    _no_comments = True  # see NO_COMMENTS above

    id = fields.IntField(primary_key=True)
    oparl_id = fields.CharField(max_length=500, unique=True)
    meeting: fields.ForeignKeyRelation[Meeting] = fields.ForeignKeyField(
        "models.Meeting", related_name="agenda_items", on_delete=fields.CASCADE
    )
    number = fields.CharField(max_length=50, null=True)
    name = fields.TextField(null=True)
    order = fields.IntField(null=True)
    public = fields.BooleanField(null=True)
    paper_oparl_id = fields.CharField(max_length=500, null=True, db_index=True)
    paper: fields.ForeignKeyNullableRelation[Paper] = fields.ForeignKeyField(
        "models.Paper", related_name="agenda_items", null=True, on_delete=fields.SET_NULL
    )

    class Meta:
        table = "agenda_item"


class Consultation(Model):
    """An OParl Consultation: a paper treated in a meeting or by a committee."""

    _no_comments = True  # see NO_COMMENTS above

    id = fields.IntField(primary_key=True)
    oparl_id = fields.CharField(max_length=500, unique=True)
    paper: fields.ForeignKeyNullableRelation[Paper] = fields.ForeignKeyField(
        "models.Paper", related_name="consultation_rows", null=True, on_delete=fields.CASCADE
    )
    meeting_oparl_id = fields.CharField(max_length=500, null=True, db_index=True)
    meeting: fields.ForeignKeyNullableRelation[Meeting] = fields.ForeignKeyField(
        "models.Meeting", related_name="consultations", null=True, on_delete=fields.SET_NULL
    )
    role = fields.CharField(max_length=300, null=True)
    authoritative = fields.BooleanField(null=True)

    class Meta:
        table = "consultation"


class Chat(Model):
    """A Telegram chat (private or group) and its settings."""

    _no_comments = True  # see NO_COMMENTS above

    id = fields.IntField(primary_key=True)
    chat_id = fields.BigIntField(unique=True)
    chat_type = fields.CharField(max_length=20, default="private")
    title = fields.CharField(max_length=300, null=True)
    active = fields.BooleanField(default=True)
    weekly_preview = fields.BooleanField(default=False)
    # Alerts before meetings with relevant inquiries (switch in /abos).
    meeting_alerts = fields.BooleanField(default=True)
    # Quiet hours in Europe/Berlin (e.g. 22 → 7): pushes wait and arrive together afterwards.
    quiet_start_hour = fields.SmallIntField(null=True)
    quiet_end_hour = fields.SmallIntField(null=True)
    deactivated_reason = fields.CharField(max_length=300, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "chat"


class Subscription(Model):
    """What a chat wants to hear about: a Kommune (or all), a faction or keyword, a kind."""

    _no_comments = True  # see NO_COMMENTS above

    id = fields.IntField(primary_key=True)
    chat: fields.ForeignKeyRelation[Chat] = fields.ForeignKeyField(
        "models.Chat", related_name="subscriptions", on_delete=fields.CASCADE
    )
    # None: every Kommune (e.g. `/abo stichwort:Radverkehr`).
    kommune: fields.ForeignKeyNullableRelation[Kommune] = fields.ForeignKeyField(
        "models.Kommune", related_name="subscriptions", null=True, on_delete=fields.CASCADE
    )
    faction = fields.CharField(max_length=200, null=True)
    keyword = fields.CharField(max_length=200, null=True)
    # "Anfrage" (inquiries and their answers), "Antrag", "Vorlage" or "alle".
    kind = fields.CharField(max_length=30, default="Anfrage")
    # Dedup key: one row per (chat, kommune, faction, keyword, kind).
    key = fields.CharField(max_length=600)
    paused = fields.BooleanField(default=False)
    # Muted by the user ("7 Tage pausieren" under a push): matches nothing until then.
    muted_until = fields.DatetimeField(null=True)
    # "sofort" (each paper as it comes) or "taeglich" (one digest a day, 7 Uhr).
    delivery = fields.CharField(max_length=20, default="sofort")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "subscription"
        unique_together = (("chat", "key"),)


class AnswerFollow(Model):
    """A chat follows one inquiry until its answer arrives ("Antwort abonnieren")."""

    _no_comments = True  # see NO_COMMENTS above

    id = fields.IntField(primary_key=True)
    chat: fields.ForeignKeyRelation[Chat] = fields.ForeignKeyField(
        "models.Chat", related_name="follows", on_delete=fields.CASCADE
    )
    paper: fields.ForeignKeyRelation[Paper] = fields.ForeignKeyField(
        "models.Paper", related_name="followers", on_delete=fields.CASCADE
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "answer_follow"
        unique_together = (("chat", "paper"),)


class Notification(Model):
    """The delivery outbox: one message to one chat about one subject, sent at most once."""

    _no_comments = True  # see NO_COMMENTS above

    id = fields.IntField(primary_key=True)
    chat: fields.ForeignKeyRelation[Chat] = fields.ForeignKeyField(
        "models.Chat", related_name="notifications", on_delete=fields.CASCADE
    )
    # "paper" | "meeting" | "answer" | "admin"
    subject_type = fields.CharField(max_length=20)
    subject_id = fields.IntField()
    # e.g. "new", "alert", "moved", "cancelled", "answer", "digest", "source_down"
    kind = fields.CharField(max_length=30)
    # "pending" → "inflight" → "sent" | "failed" | "skipped"
    state = fields.CharField(max_length=20, default="pending", db_index=True)
    attempts = fields.IntField(default=0)
    # pending: when to try again; inflight: when the claim expires (then anyone may re-queue it)
    next_attempt_at = fields.DatetimeField(null=True, db_index=True)
    claimed_by = fields.CharField(max_length=100, null=True)  # the delivery worker in flight
    telegram_message_id = fields.BigIntField(null=True)
    last_error = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    sent_at = fields.DatetimeField(null=True)

    class Meta:
        table = "notification"
        unique_together = (("chat", "subject_type", "subject_id", "kind"),)


class SyncState(Model):
    """Per source and list: watermark, health and (for several workers) the lease."""

    _no_comments = True  # see NO_COMMENTS above

    id = fields.IntField(primary_key=True)
    source = fields.CharField(max_length=200)
    list_name = fields.CharField(max_length=50)
    watermark = fields.DatetimeField(null=True)
    first_sync_done = fields.BooleanField(default=False)
    last_attempt_at = fields.DatetimeField(null=True)
    last_success_at = fields.DatetimeField(null=True)
    last_error = fields.TextField(null=True)
    last_error_at = fields.DatetimeField(null=True)
    failing_since = fields.DatetimeField(null=True)
    consecutive_failures = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField(null=True)
    alert_sent_at = fields.DatetimeField(null=True)
    papers_new_total = fields.IntField(default=0)
    parse_failures_total = fields.IntField(default=0)
    records_skipped_total = fields.IntField(default=0)  # records that could not be stored
    active_url = fields.CharField(max_length=500, null=True)
    lease_owner = fields.CharField(max_length=100, null=True)
    lease_expires_at = fields.DatetimeField(null=True)

    class Meta:
        table = "sync_state"
        unique_together = (("source", "list_name"),)


class FeedToken(Model):
    """The unguessable token in a subscription's Atom/iCal feed URLs (`/feed`, `/feed neu`)."""

    _no_comments = True  # see NO_COMMENTS above

    id = fields.IntField(primary_key=True)
    subscription: fields.OneToOneRelation[Subscription] = fields.OneToOneField(
        "models.Subscription", related_name="feed_token", on_delete=fields.CASCADE
    )
    token = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "feed_token"
