-- page_noise: the lines dropped as page noise before extraction ("Also read:" links,
-- teasers of other stories), per article, so nothing is left out silently.
WITH dropped AS (
    SELECT
        d.title AS article,
        n.reason,
        n.text
    FROM noise n
    JOIN documents d USING (doc_id)
)

SELECT *
FROM dropped
ORDER BY article, reason, text;
