-- who_called_whom: each pair of actors in contact (calls, meetings, talks, visits),
-- how often, first and last date, and how many articles report it.
WITH contacts AS (
    SELECT
        least(source_actor, target_actor) AS actor_a,
        greatest(source_actor, target_actor) AS actor_b,
        plover_mode,
        date_start,
        date_end,
        n_sources
    FROM events
    WHERE plover_type = 'CONSULT'
        AND source_actor IS NOT NULL
        AND target_actor IS NOT NULL
)

SELECT
    actor_a,
    actor_b,
    count(*) AS contacts,
    string_agg(DISTINCT coalesce(plover_mode, 'unspecified'), ', ') AS modes,
    min(date_start) AS first_date,
    max(date_end) AS last_date,
    sum(n_sources) AS article_reports
FROM contacts
GROUP BY actor_a, actor_b
ORDER BY contacts DESC, first_date, actor_a, actor_b;
