import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReviewTaskType } from './review-task.type.js';

const LIMIT = 50;

interface ReviewRow {
  node: Omit<ReviewTaskType, 'createdAt'> & { createdAt: string };
}

/** The reviews a user owns, open ones first, by due date. */
export async function findReviewTasksOf(em: EntityManager, userId: string): Promise<ReviewTaskType[]> {
  const rows = await em.getConnection().execute<ReviewRow[]>(
    `select json_build_object('id', t.id, 'version', t.version, 'title', t.title, 'description', t.description,
        'dueDate', t.due_date, 'priority', t.priority, 'status', t.status, 'createdAt', t.created_at,
        'owner', json_build_object('id', o.id, 'name', o.name, 'email', o.email),
        'supervisor', json_build_object('id', a.id, 'name', a.name, 'email', a.email)) as node
       from review_task t join app_user o on o.id = t.owner_id join app_user a on a.id = t.supervisor_id
      where t.owner_id = ?
      order by t.status = 'OPEN' desc, t.due_date, t.id
      limit ?`,
    [userId, LIMIT],
  );
  return rows.map(({ node }) => ({ ...node, createdAt: new Date(node.createdAt) }));
}
