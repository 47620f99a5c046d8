"""Settings shared by every environment. Deploy-time values come from the environment."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from cms.logs import SUSPICIOUS_REQUEST_LOGGERS, RedisConnection
from cms.settings.env import env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(env_str("MIZAN_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "site_pages",
    "services_catalog",
    "regulations",
    "publications",
    "institution",
    "procurement",
    "consultations",
    "search",
    "reviews",
    "syndication",
    "old_addresses",
    "frontend",
    "corsheaders",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail_headless_preview",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "graphene_django",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # Outermost: a request that failed because the database is down gets a 503 page.
    "cms.security.middleware.DatabaseUnavailableMiddleware",
    # Stored public pages for anonymous visitors, answered before the rest of the stack runs;
    # the headers the rest adds are stored with each page (cms/page_cache.py).
    "cms.page_cache.PageCacheMiddleware",
    # CORS for /graphql/: answers preflights before anything else reads the request.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common: picks the language from the /ar/ or /en/ prefix.
    "django.middleware.locale.LocaleMiddleware",
    # Old addresses redirect under DEBUG too, where Django's technical 404 skips handler404.
    "frontend.middleware.OldAddressesUnderDebugMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # TOTP for editors inside /admin/ (required when WAGTAIL_2FA_REQUIRED).
    "cms.security.two_factor.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After X-Frame-Options and CSP so they keep what it sets (see cms/security/headers.py).
    "cms.security.headers.SecurityHeadersMiddleware",
    # After LocaleMiddleware: its 429 page is in the visitor's language.
    "cms.security.middleware.VisitorPostRateLimitMiddleware",
    # Last, as django-axes asks: admin login lockout.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names another (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'mizan.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while a writer commits; the timeout absorbs short write bursts.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every worker), local memory otherwise.
# "ratelimit" holds rate-limit counters and API-key look-ups apart from the page cache, so they
# keep working when the page cache is switched off (MIZAN_CACHE=off, for uncached benchmarks).
REDIS_URL = env_str("REDIS_URL")


def _redis_cache(prefix: str) -> dict:
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": prefix,
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
            # A cache outage must degrade the site, not stop it.
            "IGNORE_EXCEPTIONS": True,
            # Each new connection ends a logged outage (cms/logs.py).
            "CONNECTION_POOL_KWARGS": {"connection_class": RedisConnection},
        },
    }


if REDIS_URL:
    CACHES = {
        "default": _redis_cache("mizan"),
        "ratelimit": _redis_cache("mizan-rl"),
        "responses": _redis_cache("mizan-resp"),
    }
    # Each ignored failure is counted into one WARNING per outage (cms/logs.py, LOGGING).
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "mizan.cache.redis"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "mizan",
        },
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "mizan-ratelimit",
        },
        # Cached API answers and rendered pages (compressed, about 10 kB each), per process.
        "responses": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "mizan-responses",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
    }
if env_str("MIZAN_CACHE", "on").lower() == "off":
    # No stored pages or API answers. The framework's own look-up caches (Wagtail's site root
    # paths, search's derived vocabulary) stay in `default`, as on any Wagtail site.
    CACHES["responses"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}

# Paths whose answers the page cache never looks at (they have their own rules or are private).
PAGE_CACHE_EXCLUDED_PATHS = [
    "/admin/",
    "/django-admin/",
    "/graphql/",
    "/documents/",
    "/i18n/",
    "/static/",
    "/media/",
]
# The only cookies a public page reads, the display tools' (frontend/display.py), with the only
# values they can take: each known value gets its own stored page, anything else counts as no
# cookie (and the page ignores it too), so junk values cannot fill the cache.
DISPLAY_COOKIE_VALUES = {
    "mizan_text": ["-1", "0", "1", "2", "3"],
    "mizan_contrast": ["normal", "high"],
}
PAGE_CACHE_COOKIES = DISPLAY_COOKIE_VALUES

# Page views and search counts are summed in memory and written this often (cms/count_buffer.py).
COUNTS_FLUSH_SECONDS = env_int("COUNTS_FLUSH_SECONDS", 10)

# Cached API answers and pages live at most this long; a publish replaces them at once anyway
# (their keys carry the content generation), so this only bounds the memory they hold.
RESPONSE_CACHE_SECONDS = env_int("RESPONSE_CACHE_SECONDS", 600)
# What a browser or CDN may reuse without asking: short, so a correction reaches everyone soon.
PUBLIC_MAX_AGE_SECONDS = env_int("PUBLIC_MAX_AGE_SECONDS", 60)
PUBLIC_STALE_WHILE_REVALIDATE_SECONDS = env_int("PUBLIC_STALE_WHILE_REVALIDATE_SECONDS", 300)
# How long a CDN or browser may keep using a public page or API answer when this site answers
# with an error (RFC 5861 stale-if-error); this server's own stale copies live as long as the
# entries do (RESPONSE_CACHE_SECONDS), see docs/operations.md "Database outage".
PUBLIC_STALE_IF_ERROR_SECONDS = env_int("PUBLIC_STALE_IF_ERROR_SECONDS", 86400)

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out username and address before the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Arabic first (default, right to left), English second.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", "العربية"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# "Translate this page" must not publish the copy that still holds the source's text: the
# translation goes live when an editor publishes it (cms/graphql/visibility.py).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our formats first, then Django's for the language (cms/formats/ar/formats.py says why).
FORMAT_MODULE_PATH = ["cms.formats"]
LANGUAGE_COOKIE_NAME = "mizan_language"
TIME_ZONE = "Asia/Riyadh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Mizan"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Latin slugs: the admin transliterates an Arabic title into the slug it suggests (Wagtail's
# ARABIC_MAP), which the editor can change; the English translation inherits it, so addresses
# read /en/services/loan-exemption/, not an Arabic slug percent-encoded under /en/.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No avatars from gravatar.com: it would hand editors' e-mail hashes to a third party and
# break the admin offline.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "ods"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Documents go through Wagtail's view: Content-Disposition, nosniff, CSP default-src 'none'.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
# Looks inside uploads: a document's first bytes must match its extension.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.security.uploads.SafeDocumentForm"
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True

# Search: the database backend by default; Elasticsearch 8 when ELASTICSEARCH_URL is set.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if ELASTICSEARCH_URL:
    from search.elasticsearch_settings import elasticsearch_backend

    WAGTAILSEARCH_BACKENDS["default"] = elasticsearch_backend(ELASTICSEARCH_URL)
    # The database index stays populated so search can fall back when the cluster is down.
    WAGTAILSEARCH_BACKENDS["database"] = {"BACKEND": "wagtail.search.backends.database"}

# Headless preview: the admin's Preview opens the draft in our own frontend.
WAGTAIL_HEADLESS_PREVIEW = {
    # Relative by default: the frontend is served by this same process.
    "CLIENT_URLS": {"default": env_str("PREVIEW_CLIENT_URL", "/preview/")},
    "SERVE_BASE_URL": None,
    "REDIRECT_ON_PREVIEW": True,
    "ENFORCE_TRAILING_SLASH": True,
}

# GraphQL: our own schema, assembled in cms/graphql/schema.py.
GRAPHENE = {"SCHEMA": "cms.graphql.schema.schema", "ATOMIC_MUTATIONS": False}
GRAPHQL_INTROSPECTION = env_bool("GRAPHQL_INTROSPECTION", False)
# How long a shared cache (CDN, proxy, browser) may reuse a GET answer without asking again;
# after that an If-None-Match with the answer's ETag gets a 304 while the content is unchanged.
GRAPHQL_CACHE_SECONDS = env_int("GRAPHQL_CACHE_SECONDS", 60)
# CORS for /graphql/ only (django-cors-headers): browsers on these origins may call the API.
# Partner keys can add origins of their own (Settings > API keys). Never with credentials:
# no cookie ever authenticates the API.
CORS_ALLOWED_ORIGINS = env_list("GRAPHQL_CORS_ORIGINS")
CORS_URLS_REGEX = r"^/graphql/$"
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "POST", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "authorization", "content-type", "x-api-key"]
CORS_EXPOSE_HEADERS = [
    "etag",
    "retry-after",
    "ratelimit-limit",
    "ratelimit-remaining",
    "ratelimit-reset",
]
CORS_PREFLIGHT_MAX_AGE = 600
# The frontend talks to the schema in-process unless this names a remote /graphql/ endpoint.
CMS_GRAPHQL_URL = env_str("CMS_GRAPHQL_URL")
# A partner key (Settings > API keys) the frontend's HTTP transport sends as X-Api-Key, so a
# separate frontend service gets its own budget instead of the anonymous per-address limit.
CMS_GRAPHQL_API_KEY = env_str("CMS_GRAPHQL_API_KEY")

# --- Security (docs/operations.md, "Security settings") ---------------------------------------

# Proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated). Empty: the
# connecting address is the client. Rate limits and admin lockouts count per client address.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# Rate limits, LIMIT/SECONDS per client address (an IPv6 /64 counts as one client); 0 = off.
RATE_LIMIT_CACHE = "ratelimit"
RATE_LIMITS = {
    "graphql": env_str("RATE_LIMIT_GRAPHQL", "300/60"),
    "graphql_mutation": env_str("RATE_LIMIT_GRAPHQL_MUTATIONS", "20/60"),
    "visitor_post": env_str("RATE_LIMIT_VISITOR_POSTS", "10/60"),
}

# Content-Security-Policy (django-csp 4). The public site needs no inline script or style; the
# Wagtail admin does, so it is left out (it is for signed-in editors only).
CSP_EXTRA_IMG_SOURCES = env_list("CSP_EXTRA_IMG_SOURCES")  # e.g. a media CDN
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *CSP_EXTRA_IMG_SOURCES],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
if env_str("CSP_REPORT_URI"):
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["report-uri"] = [env_str("CSP_REPORT_URI")]

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# A form sent from a stale page gets a plain explanation in the visitor's language.
CSRF_FAILURE_VIEW = "frontend.views.csrf_failure"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Signed-in editors are signed out after 8 hours.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)

# Admin login lockout (django-axes): 5 failures for one username from one address lock that
# pair for 30 minutes. Counted in the database, so every worker and host agrees.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "cms.security.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
# Axes' page and status with Retry-After (the cool-off) added.
AXES_LOCKOUT_CALLABLE = "cms.security.lockout.lockout_response"

# TOTP two-factor for editors (django-otp; cms/security/two_factor.py): production requires it.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", False)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Mizan")
# django-axes counts every wrong code as a failed sign-in; django-otp's own throttle would also
# refuse the right code for a while after a wrong one (and that refusal counted too).
OTP_TOTP_THROTTLE_FACTOR = 0
WAGTAILADMIN_USER_LOGIN_FORM = "cms.security.two_factor.TwoFactorLoginForm"

# Background work (cms/background.py, docs/operations.md "Background worker"). Our tasks (staff
# notifications, the every-minute jobs such as scheduled publishing) go to BACKGROUND_TASKS,
# stored in the database and run by `manage.py db_worker --backend background`; a row is written
# even while no worker runs, so nothing is lost. Wagtail's own tasks (search and reference index,
# image focal points) use "default" and stay inside the editor's request, as before: moving them
# would let a search-results page be cached before the worker indexed the page just published.
BACKGROUND_TASKS = "background"
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    BACKGROUND_TASKS: {
        "BACKEND": env_str("BACKGROUND_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    },
}
# How long an SMTP connection may take to answer before the notification is retried later.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)

# Contact-centre enquiries: who is told about a new one (comma-separated e-mail addresses).
ENQUIRY_NOTIFY_EMAILS = env_list("ENQUIRY_NOTIFY_EMAILS")
# A failed notification is tried again after 1, 2, 4 … times this many seconds, this many times
# in all (the defaults span about half an hour); then it is logged and left to the admin list.
ENQUIRY_NOTIFY_ATTEMPTS = env_int("ENQUIRY_NOTIFY_ATTEMPTS", 6)
ENQUIRY_NOTIFY_RETRY_SECONDS = env_int("ENQUIRY_NOTIFY_RETRY_SECONDS", 60)

# Partners' webhooks (syndication/delivery.py): one attempt may take this long (a slow receiver
# holds one worker slot no longer); a failed event is retried after 30 s, 60 s, 120 s … (at most
# an hour apart, with jitter) for WEBHOOK_RETRY_HOURS, then the endpoint is paused.
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 5)
WEBHOOK_RETRY_BASE_SECONDS = env_int("WEBHOOK_RETRY_BASE_SECONDS", 30)
WEBHOOK_RETRY_MAX_SECONDS = env_int("WEBHOOK_RETRY_MAX_SECONDS", 3600)
WEBHOOK_RETRY_HOURS = env_int("WEBHOOK_RETRY_HOURS", 24)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "no-reply@mof.gov.sa")

# Content reviews (reviews/): how many months a page's facts stay trusted when its service
# category sets no interval (standard pages, the contact centre), and whether a public service
# past its review date tells visitors so (GraphQL `reviewNoticeShown`; off by default because
# it is a ministry decision, not a technical one).
CONTENT_REVIEW_DEFAULT_MONTHS = env_int("CONTENT_REVIEW_DEFAULT_MONTHS", 6)
CONTENT_REVIEW_PUBLIC_NOTICE = env_bool("CONTENT_REVIEW_PUBLIC_NOTICE", False)

# Logs fit for on-call (cms/logs.py, cms/outages.py): an outage of the database or Redis is one
# WARNING on the way down and one INFO on the way back per worker, not a traceback per request;
# a client's bad Host header or oversized body is a WARNING without a traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {
        "database_outage": {"()": "cms.logs.DatabaseOutageFilter"},
        "redis_outage": {"()": "cms.logs.RedisOutageFilter"},
        "without_traceback": {"()": "cms.logs.WarningWithoutTraceback"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django.request": {"filters": ["database_outage"]},
        "mizan.cache.redis": {"filters": ["redis_outage"]},
        **{name: {"filters": ["without_traceback"]} for name in SUSPICIOUS_REQUEST_LOGGERS},
    },
}

# Automatic persisted queries (cms/graphql/persisted.py): registered queries are kept in this
# cache (shared by every worker when the cache is Redis) in front of their database table, which
# keeps at most APQ_MAX_STORED_QUERIES (anyone may register a valid query: the cap bounds the
# table; beyond it new ones live in the cache alone).
APQ_CACHE = "default"
APQ_CACHE_SECONDS = env_int("APQ_CACHE_SECONDS", 24 * 3600)
APQ_MAX_STORED_QUERIES = env_int("APQ_MAX_STORED_QUERIES", 10_000)
