from cms.models.api_keys import ApiKey
from cms.models.content_generation import ContentGeneration

__all__ = ["ApiKey", "ContentGeneration"]
