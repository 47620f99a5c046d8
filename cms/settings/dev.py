from cms.settings.base import *  # noqa: F403
from cms.settings.env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
# A development-only key: production refuses to start without SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me-0123456789abcdefghijklmnop")
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
GRAPHQL_INTROSPECTION = True
# GraphiQL (DEBUG only) runs inline scripts: no CSP on /graphql/ in development.
CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY,  # noqa: F405
    "EXCLUDE_URL_PREFIXES": [*CONTENT_SECURITY_POLICY["EXCLUDE_URL_PREFIXES"], "/graphql/"],  # noqa: F405
}
