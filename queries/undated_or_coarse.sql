-- undated_or_coarse: events an analyst should not read as day-precise: no date at all,
-- an interval coarser than a day, only the publication date as a fallback, or
-- conflicting dates across reports.
WITH flagged AS (
    SELECT
        event_id,
        event_type,
        source_actor,
        target_actor,
        date_start,
        date_end,
        granularity,
        date_method,
        date_conflict,
        CASE
            WHEN date_start IS NULL THEN 'undated'
            WHEN date_conflict THEN 'conflicting dates'
            WHEN date_method = 'publication_fallback' THEN 'publication date only'
            ELSE 'coarser than a day: ' || granularity
        END AS why
    FROM events
    WHERE date_start IS NULL
        OR date_conflict
        OR date_method = 'publication_fallback'
        OR granularity NOT IN ('hour', 'part-of-day', 'day')
)

SELECT
    why,
    event_type,
    source_actor,
    target_actor,
    date_start,
    date_end,
    granularity
FROM flagged
ORDER BY why, date_start NULLS LAST, source_actor;
