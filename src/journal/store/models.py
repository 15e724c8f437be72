"""The journal's tables as Peewee models, bound at open time through a database proxy.

The authoritative DDL lives in the numbered migrations (store/migrations.py); these models
mirror the latest schema and a unit test checks that the two agree column for column.

Each model names its `id` and the `*_id` of its foreign keys explicitly. Peewee creates
them anyway; declaring them lets mypy check the code that uses them.
"""

from __future__ import annotations

import peewee

from journal.store.fields import MoneyField, PlainDateField, UTCDateTimeField

# Re-exported: the query modules import the proxy from here, beside the models they use.
from journal.store.proxy import database_proxy as database_proxy


class BaseModel(peewee.Model):
    """Base for every journal table: bound to the journal opened by store.database."""

    class Meta:
        database = database_proxy
        legacy_table_names = False


class Contact(BaseModel):
    """A person in the journal (never only a "lead": work contacts can be friends too)."""

    id = peewee.AutoField()
    given_name = peewee.TextField(default="")
    family_name = peewee.TextField(default="")
    display_name = peewee.TextField()
    sort_name = peewee.TextField(index=True)
    nickname = peewee.TextField(default="")
    organisation = peewee.TextField(default="")
    title = peewee.TextField(default="")
    how_met = peewee.TextField(default="")
    where_met = peewee.TextField(default="")
    met_on = PlainDateField(null=True)
    met_mode = peewee.TextField(default="")  # "in_person" | "online" | ""
    met_through = peewee.ForeignKeyField("self", null=True, on_delete="SET NULL", backref="+")
    met_through_id: int | None
    stage = peewee.TextField(default="new", index=True)
    know = peewee.IntegerField(null=True)
    like = peewee.IntegerField(null=True)
    trust = peewee.IntegerField(null=True)
    needs = peewee.TextField(default="")
    offers = peewee.TextField(default="")
    notes = peewee.TextField(default="")
    first_impression = peewee.TextField(default="")
    first_impression_on = PlainDateField(null=True)
    birthday = PlainDateField(null=True)
    stay_in_touch_days = peewee.IntegerField(null=True)
    archived = peewee.BooleanField(default=False, index=True)
    vcard_uid = peewee.TextField(null=True, unique=True)
    vcard_extra = peewee.TextField(default="")  # unknown vCard properties, verbatim
    created_at = UTCDateTimeField()
    updated_at = UTCDateTimeField()

    class Meta:
        table_name = "contact"


class ContactChannel(BaseModel):
    """One way to reach a contact: an email, phone, link, social profile or address."""

    id = peewee.AutoField()
    contact = peewee.ForeignKeyField(Contact, on_delete="CASCADE", backref="channels")
    contact_id: int
    kind = peewee.TextField()  # email | phone | url | social | address
    label = peewee.TextField(default="")
    value = peewee.TextField()
    position = peewee.IntegerField(default=0)

    class Meta:
        table_name = "contact_channel"


class Tag(BaseModel):
    """A free tag, unique regardless of case."""

    id = peewee.AutoField()
    name = peewee.TextField(unique=True)

    class Meta:
        table_name = "tag"


class ContactTag(BaseModel):
    """Which tags a contact carries."""

    contact = peewee.ForeignKeyField(Contact, on_delete="CASCADE", backref="tag_links")
    contact_id: int
    tag = peewee.ForeignKeyField(Tag, on_delete="CASCADE", backref="contact_links")
    tag_id: int

    class Meta:
        table_name = "contact_tag"
        primary_key = peewee.CompositeKey("contact", "tag")


class ContactRelation(BaseModel):
    """A relationship between two contacts (spouse, colleague, introduced by...)."""

    id = peewee.AutoField()
    contact = peewee.ForeignKeyField(Contact, on_delete="CASCADE", backref="+")
    contact_id: int
    other = peewee.ForeignKeyField(Contact, on_delete="CASCADE", backref="+")
    other_id: int
    kind = peewee.TextField(default="")

    class Meta:
        table_name = "contact_relation"


class Group(BaseModel):
    """A group the user belongs to, with its current demands on the user."""

    id = peewee.AutoField()
    name = peewee.TextField(unique=True)
    kind = peewee.TextField(default="other")
    status = peewee.TextField(default="active", index=True)  # active | reduced | paused | left
    joined_on = PlainDateField(null=True)
    left_on = PlainDateField(null=True)
    notes = peewee.TextField(default="")
    meeting_cadence = peewee.TextField(default="")  # weekly | fortnightly | monthly | ...
    meeting_weekday = peewee.IntegerField(null=True)  # 0 = Monday
    required_attendance_pct = peewee.IntegerField(null=True)
    meeting_minutes = peewee.IntegerField(null=True)
    travel_minutes = peewee.IntegerField(null=True)
    dues_amount = MoneyField(null=True)
    dues_currency = peewee.TextField(default="")
    dues_period = peewee.TextField(default="")  # month | quarter | year
    role = peewee.TextField(default="")
    role_hours_per_month = peewee.IntegerField(null=True)
    referral_quota_per_month = peewee.IntegerField(null=True)
    rules = peewee.TextField(default="")
    created_at = UTCDateTimeField()
    updated_at = UTCDateTimeField()

    class Meta:
        table_name = "membership_group"


class GroupDemandChange(BaseModel):
    """A snapshot of a group's demands when they changed, so history can be shown."""

    id = peewee.AutoField()
    group = peewee.ForeignKeyField(Group, on_delete="CASCADE", backref="demand_changes")
    group_id: int
    changed_at = UTCDateTimeField()
    demands_json = peewee.TextField()

    class Meta:
        table_name = "group_demand_change"


class GroupMember(BaseModel):
    """A contact who belongs to the same group as the user."""

    group = peewee.ForeignKeyField(Group, on_delete="CASCADE", backref="members")
    group_id: int
    contact = peewee.ForeignKeyField(Contact, on_delete="CASCADE", backref="memberships")
    contact_id: int
    since = PlainDateField(null=True)

    class Meta:
        table_name = "group_member"
        primary_key = peewee.CompositeKey("group", "contact")


class Meeting(BaseModel):
    """One meeting of a group and whether the user was there."""

    id = peewee.AutoField()
    group = peewee.ForeignKeyField(Group, on_delete="CASCADE", backref="meetings")
    group_id: int
    held_on = PlainDateField()
    attendance = peewee.TextField()  # attended | missed | excused | substitute
    rating = peewee.TextField(default="")  # worth_it | so_so | waste | ""
    minutes = peewee.IntegerField(null=True)  # overrides the group's usual length
    notes = peewee.TextField(default="")
    created_at = UTCDateTimeField()

    class Meta:
        table_name = "meeting"
        indexes = ((("group", "held_on"), True),)


class MeetingPerson(BaseModel):
    """A contact the user met at a meeting."""

    meeting = peewee.ForeignKeyField(Meeting, on_delete="CASCADE", backref="people")
    meeting_id: int
    contact = peewee.ForeignKeyField(Contact, on_delete="CASCADE", backref="+")
    contact_id: int

    class Meta:
        table_name = "meeting_person"
        primary_key = peewee.CompositeKey("meeting", "contact")


class Interaction(BaseModel):
    """One entry on the timeline: a meeting, call, referral, help given, business won..."""

    id = peewee.AutoField()
    kind = peewee.TextField(index=True)
    occurred_at = UTCDateTimeField(index=True)
    summary = peewee.TextField(default="")
    notes = peewee.TextField(default="")
    direction = peewee.TextField(default="")  # gave | received | mutual | ""
    amount = MoneyField(null=True)
    estimated_amount = MoneyField(null=True)
    currency = peewee.TextField(default="")
    group = peewee.ForeignKeyField(Group, null=True, on_delete="SET NULL", backref="interactions")
    group_id: int | None
    meeting = peewee.ForeignKeyField(
        Meeting, null=True, on_delete="SET NULL", backref="interactions"
    )
    meeting_id: int | None
    created_at = UTCDateTimeField()
    updated_at = UTCDateTimeField()

    class Meta:
        table_name = "interaction"


class InteractionParticipant(BaseModel):
    """A contact taking part in an interaction."""

    interaction = peewee.ForeignKeyField(Interaction, on_delete="CASCADE", backref="participants")
    interaction_id: int
    contact = peewee.ForeignKeyField(Contact, on_delete="CASCADE", backref="participations")
    contact_id: int
    # The interaction's time, kept beside it by triggers (schema step 4) so a person's last
    # contact is read off one index. A writer may leave it out: the triggers fill it in.
    occurred_at = UTCDateTimeField(null=True)

    class Meta:
        table_name = "interaction_participant"
        primary_key = peewee.CompositeKey("interaction", "contact")


class FollowUp(BaseModel):
    """Something to do by a date, usually about a contact."""

    id = peewee.AutoField()
    contact = peewee.ForeignKeyField(Contact, null=True, on_delete="CASCADE", backref="followups")
    contact_id: int | None
    interaction = peewee.ForeignKeyField(
        Interaction, null=True, on_delete="SET NULL", backref="followups"
    )
    interaction_id: int | None
    due_on = PlainDateField(index=True)
    text = peewee.TextField(default="")
    done_at = UTCDateTimeField(null=True)
    snoozed_until = PlainDateField(null=True)
    created_at = UTCDateTimeField()

    class Meta:
        table_name = "follow_up"


class ReminderSnooze(BaseModel):
    """A stay-in-touch or new-contact reminder about one person, put off until a date."""

    contact = peewee.ForeignKeyField(Contact, on_delete="CASCADE", backref="+")
    contact_id: int
    reminder = peewee.TextField()  # stay_in_touch | new_contact
    snoozed_until = PlainDateField()

    class Meta:
        table_name = "reminder_snooze"
        primary_key = peewee.CompositeKey("contact", "reminder")


class IntroductionDismissal(BaseModel):
    """A suggestion "introduce A (who needs X) to B" the user does not want to see again."""

    id = peewee.AutoField()
    needer = peewee.ForeignKeyField(Contact, on_delete="CASCADE", backref="+")
    needer_id: int
    offerer = peewee.ForeignKeyField(Contact, on_delete="CASCADE", backref="+")
    offerer_id: int
    need = peewee.TextField()  # the need, normalised, so a new need can be suggested again
    dismissed_at = UTCDateTimeField()

    class Meta:
        table_name = "introduction_dismissal"
        indexes = ((("needer", "offerer", "need"), True),)


class Review(BaseModel):
    """One periodic review of the user's memberships."""

    id = peewee.AutoField()
    held_at = UTCDateTimeField()
    as_of = PlainDateField()
    notes = peewee.TextField(default="")

    class Meta:
        table_name = "review"


class ReviewDecision(BaseModel):
    """What the review recommended for one group, what the user decided, and the figures then."""

    id = peewee.AutoField()
    review = peewee.ForeignKeyField(Review, on_delete="CASCADE", backref="decisions")
    review_id: int
    group = peewee.ForeignKeyField(Group, on_delete="CASCADE", backref="review_decisions")
    group_id: int
    recommendation = peewee.TextField()  # keep | reduce | leave | too_early
    decision = peewee.TextField()
    reasons_json = peewee.TextField(default="[]")
    figures_json = peewee.TextField(default="{}")
    note = peewee.TextField(default="")

    class Meta:
        table_name = "review_decision"


class Setting(BaseModel):
    """A journal-wide setting stored as JSON text (window layout lives in QSettings instead)."""

    key = peewee.TextField(primary_key=True)
    value_json = peewee.TextField()

    class Meta:
        table_name = "setting"


ALL_MODELS: tuple[type[BaseModel], ...] = (
    Contact,
    ContactChannel,
    Tag,
    ContactTag,
    ContactRelation,
    Group,
    GroupDemandChange,
    GroupMember,
    Meeting,
    MeetingPerson,
    Interaction,
    InteractionParticipant,
    FollowUp,
    ReminderSnooze,
    IntroductionDismissal,
    Review,
    ReviewDecision,
    Setting,
)
