"""Process templates (staff) and the public flowcharts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, TemplateView

from .. import forms, selectors
from ..flowchart import flowchart_svg
from ..models import ProcessNode, ProcessTemplate
from ..services.templates import (
    node_add,
    node_delete,
    node_move,
    node_update,
    template_copy,
    template_register,
    template_send_back,
    template_submit,
)
from ._base import _errors


class TemplateListView(LoginRequiredMixin, TemplateView):
    template_name = "workflows/template_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        if not user.has_perm("workflows.list_case"):
            raise PermissionDenied
        templates = selectors.templates_for(user)
        form = None
        if user.has_perm("workflows.add_processtemplate") and user.agency_id:
            form = forms.TemplateCopyForm(user=user, sources=templates)
        return {**super().get_context_data(**kwargs), "templates": templates, "copy_form": form}


class TemplateCopyView(LoginRequiredMixin, View):
    def post(self, request):
        if not request.user.has_perm("workflows.add_processtemplate"):
            raise PermissionDenied
        sources = selectors.templates_for(request.user)
        form = forms.TemplateCopyForm(request.POST, user=request.user, sources=sources)
        if not form.is_valid():
            messages.error(request, _("Choose a template to copy and a power of your agency."))
            return redirect("workflows:template_list")
        copy = template_copy(user=request.user, **form.cleaned_data)
        return redirect("workflows:template_detail", pk=copy.pk)


class TemplateDetailView(LoginRequiredMixin, DetailView):
    template_name = "workflows/template_detail.html"
    context_object_name = "template"

    def get_queryset(self):
        return selectors.template_detail()

    def get_context_data(self, **kwargs):
        template, user = self.object, self.request.user
        if not user.has_perm("workflows.view_processtemplate", template):
            raise PermissionDenied
        return {
            **super().get_context_data(**kwargs),
            "svg": flowchart_svg(template, template.nodes.all()),
            "can_edit": user.has_perm("workflows.change_processtemplate", template),
            "can_register": user.has_perm("workflows.register_processtemplate", template),
            "review_form": forms.ReviewForm(),
        }


class TemplateActionView(LoginRequiredMixin, View):
    def post(self, request, pk, action):
        template = get_object_or_404(ProcessTemplate, pk=pk)
        perm = (
            "workflows.change_processtemplate"
            if action == "submit"
            else "workflows.register_processtemplate"
        )
        if action not in ("submit", "send_back", "register"):
            raise Http404
        if not request.user.has_perm(perm, template):
            raise PermissionDenied
        service = {
            "submit": template_submit,
            "send_back": template_send_back,
            "register": template_register,
        }[action]
        kwargs = {} if action == "submit" else {"note": request.POST.get("note", "")}
        try:
            service(template=template, user=request.user, **kwargs)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("workflows:template_detail", pk=template.pk)


class NodeEditView(LoginRequiredMixin, View):
    def get_node(self):
        node = get_object_or_404(
            ProcessNode.objects.select_related("template"), pk=self.kwargs["pk"]
        )
        if not self.request.user.has_perm("workflows.change_processtemplate", node.template):
            raise PermissionDenied
        return node

    def get(self, request, pk):
        node = self.get_node()
        return render(
            request,
            "workflows/node_form.html",
            {"node": node, "form": forms.NodeForm(instance=node)},
        )

    def post(self, request, pk):
        node = self.get_node()
        form = forms.NodeForm(request.POST, instance=ProcessNode.objects.get(pk=node.pk))
        if form.is_valid():
            try:
                node_update(node=node, user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _errors(form, exc)
            else:
                return redirect("workflows:template_detail", pk=node.template_id)
        return render(request, "workflows/node_form.html", {"node": node, "form": form})


class NodeAddView(LoginRequiredMixin, View):
    def get_template(self):
        template = get_object_or_404(ProcessTemplate, pk=self.kwargs["pk"])
        if not self.request.user.has_perm("workflows.change_processtemplate", template):
            raise PermissionDenied
        return template

    def get(self, request, pk):
        template = self.get_template()
        context = {"node": None, "template": template, "form": forms.NodeForm()}
        return render(request, "workflows/node_form.html", context)

    def post(self, request, pk):
        template = self.get_template()
        form = forms.NodeForm(request.POST)
        after = template.nodes.filter(pk=request.GET.get("after") or 0).first()
        if form.is_valid():
            try:
                node_add(template=template, user=request.user, after=after, **form.cleaned_data)
            except ValidationError as exc:
                _errors(form, exc)
            else:
                return redirect("workflows:template_detail", pk=template.pk)
        context = {"node": None, "template": template, "form": form}
        return render(request, "workflows/node_form.html", context)


class NodeChangeView(NodeEditView):
    """POST: delete a node, or move it up or down."""

    def get(self, request, pk, action):
        raise Http404

    def post(self, request, pk, action):
        node = self.get_node()
        try:
            if action == "delete":
                node_delete(node=node, user=request.user)
            elif action in ("up", "down"):
                node_move(node=node, user=request.user, up=action == "up")
            else:
                raise Http404
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("workflows:template_detail", pk=node.template_id)


class PublicFlowListView(TemplateView):
    """Every registered process (and the ready-made ones), for the public."""

    template_name = "workflows/public_flow_list.html"

    def get_context_data(self, **kwargs):
        flows = selectors.public_templates().select_related("agency", "power")
        return {**super().get_context_data(**kwargs), "flows": flows}


class PublicFlowView(DetailView):
    """A registered (or ready-made) process and its flowchart, for the public."""

    template_name = "workflows/public_flow.html"
    context_object_name = "template"

    def get_queryset(self):
        return selectors.public_templates()

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "svg": flowchart_svg(self.object, self.object.nodes.all()),
        }
