from django.views.generic import DetailView, ListView

from people.models import Organisation, Person


class PersonListView(ListView):
    model = Person
    paginate_by = 50


class PersonDetailView(DetailView):
    model = Person


class OrganisationListView(ListView):
    model = Organisation
    paginate_by = 50


class OrganisationDetailView(DetailView):
    model = Organisation
