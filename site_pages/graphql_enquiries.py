"""GraphQL for the contact-centre enquiry form: its topics, and `submitEnquiry`.

Validation problems come back as data (`ok: false`, `errors { field message }`) in the
visitor's language, so a form can show each next to its field; only a malformed request (an
unknown locale) is a GraphQL error. Nothing about stored enquiries can be read through the API.
"""

from __future__ import annotations

import graphene
from django.utils import translation
from graphql import GraphQLError

from cms.graphql.visibility import SUPPORTED_LOCALES, unknown_locale_error
from site_pages.enquiries import MESSAGE_MAX_LENGTH, submit_enquiry
from site_pages.models import EnquiryTopic

MAX_ARGUMENT_LENGTH = 5000


def _language(locale: str | None) -> str:
    code = (locale or "ar").strip().lower()
    if code not in SUPPORTED_LOCALES:
        raise unknown_locale_error(code)
    return code


class EnquiryTopicType(graphene.ObjectType):
    code = graphene.String(required=True, description="The value to send as `topic`")
    label = graphene.String(required=True)

    class Meta:
        name = "EnquiryTopic"


class EnquiryFieldError(graphene.ObjectType):
    field = graphene.String(
        required=True,
        description="name, email, phone, topic, message, or __all__ for the whole form",
    )
    message = graphene.String(required=True, description="In the requested language")


class SubmitEnquiry(graphene.Mutation):
    """Send an enquiry to the unified contact centre. Returns a reference number to quote."""

    class Arguments:
        locale = graphene.String(default_value="ar", description="ar (default) or en")
        name = graphene.String(description="Optional")
        email = graphene.String(description="E-mail or phone (or both) is required")
        phone = graphene.String()
        topic = graphene.String(required=True, description="A code from enquiryTopics")
        message = graphene.String(
            required=True, description=f"10 to {MESSAGE_MAX_LENGTH} characters"
        )
        honeypot = graphene.String(description="Leave empty: a field people never see")

    ok = graphene.Boolean(required=True)
    reference = graphene.String(description="e.g. MOF-2026-7KQ4MX2P, when ok")
    errors = graphene.List(graphene.NonNull(EnquiryFieldError), required=True)

    @staticmethod
    def mutate(
        root, info, topic, message, locale="ar", name=None, email=None, phone=None, honeypot=None
    ):
        language = _language(locale)
        values = {
            "name": name,
            "email": email,
            "phone": phone,
            "topic": topic,
            "message": message,
            "honeypot": honeypot,
        }
        if any(value is not None and len(value) > MAX_ARGUMENT_LENGTH for value in values.values()):
            raise GraphQLError(
                f"An argument is too long: at most {MAX_ARGUMENT_LENGTH} characters."
            )
        result = submit_enquiry(values, language)
        return SubmitEnquiry(
            ok=result.ok,
            reference=result.reference,
            errors=[EnquiryFieldError(field=f, message=m) for f, m in result.errors],
        )


class Query:
    enquiry_topics = graphene.List(
        graphene.NonNull(EnquiryTopicType),
        required=True,
        locale=graphene.String(default_value="ar", description="ar (default) or en"),
        description="The topics a visitor can choose in the contact-centre form.",
    )

    @staticmethod
    def resolve_enquiry_topics(root, info, locale="ar"):
        with translation.override(_language(locale)):
            return [
                EnquiryTopicType(code=value, label=str(label))
                for value, label in EnquiryTopic.choices
            ]


class Mutation:
    submit_enquiry = SubmitEnquiry.Field()
