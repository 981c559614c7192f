import { SkyliftError } from '../../../shared/errors';
import type { Db } from '../store/database';
import { deploymentRecordSchema, type DeploymentRecordInput, type StoredDeployment } from './deployment-record';

interface Row {
  id: number;
  project_dir: string;
  name: string;
  target: string;
  function_arn: string;
  version: string;
  alias: string;
  image_digest: string;
  profile_id: string;
  plan: string;
  deployed_at: string;
}

/** How many releases history() returns at most: enough to roll back and to show, bounded whatever the table holds. */
export const HISTORY_LIMIT = 50;

/**
 * What is live where: each publish of a deployment appends a release; the newest one is live and
 * the one before is where a rollback goes. Records are checked on the way in and on the way out,
 * so a row edited by hand is reported, not shown as a wrong fact.
 */
export class DeploymentStore {
  constructor(private readonly db: Db) {}

  /** Records a release that is now live; returns it with its id. */
  record(input: DeploymentRecordInput): StoredDeployment {
    const release = deploymentRecordSchema.parse(input);
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO deployments (project_dir, name, target, function_arn, version, alias, image_digest, profile_id, plan, deployed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(release.projectDir, release.name, release.target, release.functionArn, release.version, release.alias, release.imageDigest, release.profileId, JSON.stringify(release.plan), release.deployedAt);
    return { ...release, id: Number(lastInsertRowid) };
  }

  /** The live release of one deployment, or null if it was never published (or was forgotten). */
  live(projectDir: string, name: string): StoredDeployment | null {
    const row = this.db.prepare('SELECT * FROM deployments WHERE project_dir = ? AND name = ? ORDER BY id DESC LIMIT 1').get(projectDir, name) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  /** Releases of one deployment, newest first (at most HISTORY_LIMIT). */
  history(projectDir: string, name: string): StoredDeployment[] {
    const rows = this.db.prepare('SELECT * FROM deployments WHERE project_dir = ? AND name = ? ORDER BY id DESC LIMIT ?').all(projectDir, name, HISTORY_LIMIT) as Row[];
    return rows.map(fromRow);
  }

  /** The live release of every deployment (of one project, if given), by project and name. */
  list(projectDir?: string): StoredDeployment[] {
    const rows = this.db
      .prepare(
        `SELECT d.* FROM deployments d
         JOIN (SELECT MAX(id) AS id FROM deployments ${projectDir === undefined ? '' : 'WHERE project_dir = ?'} GROUP BY project_dir, name) live ON live.id = d.id
         ORDER BY d.project_dir, d.name`,
      )
      .all(...(projectDir === undefined ? [] : [projectDir])) as Row[];
    return rows.map(fromRow);
  }

  /** After a destroy: the deployment has nothing live any more. Returns how many releases were dropped. */
  forget(projectDir: string, name: string): number {
    return this.db.prepare('DELETE FROM deployments WHERE project_dir = ? AND name = ?').run(projectDir, name).changes;
  }
}

function fromRow(row: Row): StoredDeployment {
  const parsed = deploymentRecordSchema.safeParse({
    projectDir: row.project_dir,
    name: row.name,
    target: row.target,
    functionArn: row.function_arn,
    version: row.version,
    alias: row.alias,
    imageDigest: row.image_digest,
    profileId: row.profile_id,
    plan: parseJson(row.plan),
    deployedAt: row.deployed_at,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SkyliftError({
      code: 'STORE_CORRUPT',
      message: `Skylift's record of deployment ${row.name} (${row.project_dir}) is damaged: ${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}.`,
      hint: 'Publish the deployment again to record what is live.',
    });
  }
  return { ...parsed.data, id: row.id };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
