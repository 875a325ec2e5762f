export { recordAudit, type AuditInput } from './record-audit';
export { listAuditLog, type AuditPage } from './list-audit-log';
export { auditLog, type AuditEntry } from './schema';
