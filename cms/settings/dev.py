from cms.settings.base import *  # noqa: F403
from cms.settings.env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
# A development-only key: production refuses to start without SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me-0123456789abcdefghijklmnop")
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
GRAPHQL_INTROSPECTION = True
