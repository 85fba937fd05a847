"""Articles marked published with a time still to come were shown by the clock; now a job
publishes them. They become scheduled, each with its publication job queued."""

from django.db import migrations
from django.utils import timezone


def schedule_future_publications(apps, schema_editor):
    # The job is the project's own task (its row lives in django_tasks_db's table).
    from articles.tasks import article_publish_scheduled

    Article = apps.get_model("articles", "Article")
    future = Article.objects.filter(status="published", published_at__gt=timezone.now())
    for article in future:
        Article.objects.filter(pk=article.pk).update(status="scheduled")
        article_publish_scheduled.using(run_after=article.published_at).enqueue(
            article_id=article.pk, at=article.published_at.isoformat()
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_publication_states"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.RunPython(schedule_future_publications, migrations.RunPython.noop),
    ]
