import { z } from '@hono/zod-openapi';
import type { ConversationRow, MessageRow } from './schema';

export const CitationSchema = z
  .object({
    index: z.number(),
    sourceId: z.string(),
    chunkId: z.string(),
    title: z.string(),
    url: z.string().nullable(),
    page: z.number().nullable(),
    anchor: z.string().nullable(),
    snippet: z.string(),
    score: z.number(),
  })
  .openapi('Citation');

export const ConversationSchema = z
  .object({
    id: z.string(),
    agentId: z.string(),
    agentVersion: z.number(),
    channel: z.string(),
    visitorId: z.string().nullable(),
    status: z.enum(['bot', 'pending_human', 'human', 'closed']),
    title: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
    messageCount: z.number(),
    lastMessageAt: z.date().nullable(),
    assigneeId: z.string().nullable().openapi({ description: 'The member who owns it (status human)' }),
    assignedAt: z.date().nullable(),
    handoffReason: z.string().nullable().openapi({ description: 'Why it last went to a person' }),
    handoffAt: z.date().nullable(),
    askContact: z.boolean().openapi({ description: 'Handed off outside business hours: the visitor is asked for contact details' }),
    closedAt: z.date().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .openapi('Conversation');

export const MessageSchema = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    role: z.enum(['user', 'assistant', 'human', 'system']),
    content: z.string(),
    status: z.enum(['complete', 'streaming', 'interrupted', 'error']),
    citations: z.array(CitationSchema),
    toolCalls: z.array(z.object({ id: z.string(), name: z.string(), input: z.unknown(), output: z.unknown().optional() })),
    model: z.string().nullable(),
    tokensIn: z.number(),
    tokensOut: z.number(),
    costUsd: z.number(),
    unpriced: z.boolean().openapi({ description: 'The model has no known price: costUsd 0 is not a price (set MODEL_PRICES)' }),
    latencyMs: z.number().nullable(),
    firstTokenMs: z.number().nullable(),
    replyTo: z.string().nullable(),
    authorId: z.string().nullable(),
    createdAt: z.date(),
  })
  .openapi('Message');

export const DoneSchema = z
  .object({
    conversationId: z.string(),
    userMessageId: z.string(),
    messageId: z.string().nullable(),
    status: z.enum(['complete', 'interrupted', 'error', 'queued_for_human']),
    conversationStatus: z.enum(['bot', 'pending_human', 'human', 'closed']),
    content: z.string(),
    citations: z.array(CitationSchema),
    usage: z.object({ tokensIn: z.number(), tokensOut: z.number(), costUsd: z.number(), unpriced: z.boolean() }),
    model: z.string().nullable(),
    latencyMs: z.number().nullable(),
    offerHuman: z.boolean(),
    replayed: z.boolean().optional(),
  })
  .openapi('Answer');

export const conversationView = ({ tenantId: _t, routedAt: _r, unansweredStreak: _u, ...rest }: ConversationRow) => rest;

export const messageView = ({ tenantId: _t, idempotencyKey: _k, error: _e, answeredBy: _o, ...rest }: MessageRow) => ({ ...rest, costUsd: Number(rest.costUsd) });
