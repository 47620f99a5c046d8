from cms.models.api_keys import ApiKey, ApiKeyUsage
from cms.models.content_generation import ContentGeneration

__all__ = ["ApiKey", "ApiKeyUsage", "ContentGeneration"]
