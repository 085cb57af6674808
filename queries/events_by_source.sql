-- events_by_source: who says so: mentions per reporting source (the attributed speaker or
-- outlet in the sentence, else the article's publisher), with the events they support.
WITH attributed AS (
    SELECT
        coalesce(m.reported_by, d.source, '(unattributed)') AS reported_by,
        m.event_id,
        m.doc_id
    FROM mentions m
    JOIN documents d USING (doc_id)
)

SELECT
    reported_by,
    count(*) AS mentions,
    count(DISTINCT event_id) AS events,
    count(DISTINCT doc_id) AS articles
FROM attributed
GROUP BY reported_by
ORDER BY mentions DESC, reported_by;
