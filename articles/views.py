from django.http import Http404, HttpResponse


def home(request):
    return HttpResponse("Newsroom")


def author(request, slug):
    raise Http404


def tag(request, slug):
    raise Http404


def section_or_article(request, path):
    raise Http404
