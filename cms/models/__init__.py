from cms.models.content_generation import ContentGeneration

__all__ = ["ContentGeneration"]
