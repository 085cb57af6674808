-- calls_by_day: how many phone calls happened each day (day-level or finer dates only),
-- and between whom.
WITH calls AS (
    SELECT
        date_start AS day,
        source_actor,
        target_actor
    FROM events
    WHERE plover_mode = 'phone' OR cameo_code = '041'
),

day_level AS (
    SELECT *
    FROM calls
    WHERE day IS NOT NULL
)

SELECT
    day,
    count(*) AS calls,
    string_agg(source_actor || ' – ' || coalesce(target_actor, '?'), '; ' ORDER BY source_actor, target_actor) AS between
FROM day_level
GROUP BY day
ORDER BY day;
