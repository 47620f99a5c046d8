from cms.models.api_keys import ApiKey, ApiKeyUsage
from cms.models.content_generation import ContentGeneration
from cms.models.persisted import ApprovedOperation, PersistedQuery

__all__ = ["ApiKey", "ApiKeyUsage", "ApprovedOperation", "ContentGeneration", "PersistedQuery"]
