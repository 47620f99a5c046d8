from django.urls import path

from frontend import views

urlpatterns = [
    path("", views.language_root, name="language_root"),
]
