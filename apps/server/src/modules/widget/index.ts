export { widgetModule } from './module';
export { resolveWidget, type ResolvedWidget } from './resolve-widget';
export { ensureWidget, getWidget, listWidgets, rotateWidgetKey, updateWidget, type WidgetView } from './manage-widgets';
export { identitySecretStatus, rotateIdentitySecret, identityHash } from './identity';
export { widgetSettings, widgetIdentitySecrets, widgetAttachments, conversationRatings } from './schema';
export { ATTACHMENT_UPLOAD } from './routes-attachments';
export { addAttachment, readAttachment } from './attachments';
export { signResumeLink, verifyResumeLink, configureResumeLinks, type ResumeClaims } from './resume-link';
