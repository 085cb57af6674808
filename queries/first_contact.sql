-- first_contact: the first dated contact (call, meeting, talks, visit) between each pair
-- of actors, with the sentence that says so.
WITH contacts AS (
    SELECT
        least(e.source_actor, e.target_actor) AS actor_a,
        greatest(e.source_actor, e.target_actor) AS actor_b,
        e.date_start,
        e.granularity,
        e.event_type,
        e.event_id
    FROM events e
    WHERE e.plover_type = 'CONSULT'
        AND e.source_actor IS NOT NULL
        AND e.target_actor IS NOT NULL
        AND e.date_start IS NOT NULL
),

ranked AS (
    SELECT
        *,
        row_number() OVER (PARTITION BY actor_a, actor_b ORDER BY date_start, event_id) AS n
    FROM contacts
)

SELECT
    r.actor_a,
    r.actor_b,
    r.date_start AS first_contact,
    r.granularity,
    r.event_type,
    t.evidence
FROM ranked r
LEFT JOIN timeline t USING (event_id)
WHERE r.n = 1
ORDER BY first_contact, actor_a, actor_b;
