"""dateline: news articles in; dated, sourced event timelines out.

The package reads as the pipeline: ``ingest`` -> ``clean`` -> ``timex`` -> ``dating`` /
``events`` -> ``tables`` -> ``store`` -> ``queries`` -> ``dashboards``, driven by
``pipeline.run`` and exposed by the thin ``cli``.
"""

__version__ = "0.1.0"
