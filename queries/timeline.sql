-- timeline: every event in date order with its evidence, who reported it and the article.
-- Coarse dates stay coarse: date_start..date_end is the interval the text supports.
WITH events_in_order AS (
    SELECT
        date_start,
        date_end,
        granularity,
        event_type,
        source_actor,
        target_actor,
        time_text,
        date_method,
        reported_by,
        n_mentions,
        evidence,
        article
    FROM timeline
)

SELECT *
FROM events_in_order
ORDER BY date_start NULLS LAST, source_actor, event_type;
