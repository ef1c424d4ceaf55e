"""Inbox pages: the list (all, unread, open), one message (opening it marks it read), marking
it unread again, and the delivery preferences per kind."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from enforcement_portal.paging import InvalidCursor, keyset_page

from ..reminders.services import reminders_settle_for
from . import services
from .forms import PreferencesForm
from .models import Message
from .selectors import messages_for, object_url


class InboxView(LoginRequiredMixin, View):
    def get(self, request):
        reminders_settle_for(user=request.user)
        show = request.GET.get("show", "all")
        show = show if show in ("all", "unread", "open") else "all"
        try:
            page = keyset_page(
                messages_for(request.user, show=show),
                ordering=("-created_at", "-id"),
                cursor=request.GET.get("cursor"),
                size=50,
            )
        except InvalidCursor:
            return HttpResponseBadRequest(
                _("The page link is not valid; start again from the list.")
            )
        return render(request, "oversight/inbox/list.html", {"page": page, "show": show})


class MessageView(LoginRequiredMixin, View):
    def get(self, request, pk):
        message = get_object_or_404(Message, pk=pk, recipient=request.user)
        if message.read_at is None:
            services.message_mark_read(message=message)
        context = {"message": message, "object_url": object_url(message)}
        return render(request, "oversight/inbox/message.html", context)

    def post(self, request, pk):
        message = get_object_or_404(Message, pk=pk, recipient=request.user)
        services.message_mark_read(message=message, read=request.POST.get("read") == "1")
        return redirect("oversight:inbox")


class PreferencesView(LoginRequiredMixin, View):
    def get(self, request):
        form = PreferencesForm(user=request.user)
        return render(request, "oversight/inbox/preferences.html", {"form": form})

    def post(self, request):
        form = PreferencesForm(request.POST, user=request.user)
        if not form.is_valid():
            return render(request, "oversight/inbox/preferences.html", {"form": form}, status=400)
        services.preferences_set(user=request.user, modes=form.cleaned_data)
        messages.success(request, _("Your delivery choices are saved."))
        return redirect("oversight:inbox_preferences")
