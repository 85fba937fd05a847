from django.views.generic import DetailView, ListView

from events.models import Delegation, Exhibition, Meeting, Topic


class MeetingListView(ListView):
    model = Meeting
    paginate_by = 50


class MeetingDetailView(DetailView):
    model = Meeting


class ExhibitionListView(ListView):
    model = Exhibition


class ExhibitionDetailView(DetailView):
    model = Exhibition


class DelegationDetailView(DetailView):
    model = Delegation


class TopicListView(ListView):
    model = Topic


class TopicDetailView(DetailView):
    model = Topic
