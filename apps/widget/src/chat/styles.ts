/**
 * The chat's styles, inside its shadow root: the host page's CSS can't reach them and they
 * can't reach the page. Colours meet WCAG AA on both themes; motion stops when the visitor
 * asks for less.
 */
export const CSS = `
:host{all:initial}
.sb-panel{--bg:#fff;--fg:#111827;--muted:#4b5563;--bubble:#f3f4f6;--line:#d1d5db;--focus:#1d4ed8;position:fixed;z-index:2147483001;bottom:88px;right:20px;width:380px;height:min(620px,calc(100vh - 110px));display:flex;flex-direction:column;background:var(--bg);color:var(--fg);border:1px solid var(--line);border-radius:16px;box-shadow:0 12px 40px rgba(0,0,0,.25);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow:hidden;animation:sb-in .18s ease-out}
.sb-panel[hidden]{display:none}
.sb-left{right:auto;left:20px}
.sb-dark{--bg:#111827;--fg:#f9fafb;--muted:#d1d5db;--bubble:#1f2937;--line:#4b5563;--focus:#93c5fd}
@media (prefers-color-scheme:dark){.sb-auto{--bg:#111827;--fg:#f9fafb;--muted:#d1d5db;--bubble:#1f2937;--line:#4b5563;--focus:#93c5fd}}
.sb-page{inset:0;width:auto;height:auto;max-width:none;border:0;border-radius:0;box-shadow:none;animation:none}
.sb-page .sb-log,.sb-page .sb-foot{width:100%;max-width:760px;margin:0 auto;box-sizing:border-box}
@media (max-width:480px){.sb-panel:not(.sb-page):not(.sb-preview){inset:0;width:auto;height:auto;border-radius:0}}
@keyframes sb-in{from{opacity:0;transform:translateY(8px)}}
*{box-sizing:border-box}
button,input,textarea,select{font:inherit;color:inherit}
button{cursor:pointer}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.sb-head{display:flex;align-items:center;gap:10px;padding:12px 14px;background:var(--p);color:var(--t)}
.sb-avatar{width:36px;height:36px;border-radius:50%;object-fit:cover;flex:none;background:rgba(255,255,255,.25);display:flex;align-items:center;justify-content:center;font-weight:700}
.sb-brand{font-size:11px;text-align:center;padding:2px 0 6px;opacity:.7}
.sb-who{flex:1;min-width:0;display:flex;flex-direction:column}
.sb-who strong{font-size:16px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.sb-who span{font-size:13px}
.sb-icon{width:36px;height:36px;border:0;border-radius:8px;background:transparent;color:inherit;display:flex;align-items:center;justify-content:center;padding:0}
.sb-icon:hover{background:rgba(127,127,127,.2)}
svg{width:20px;height:20px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
.sb-log{flex:1;overflow-y:auto;padding:14px;display:flex;flex-direction:column;gap:10px}
.sb-msg{display:flex;flex-direction:column;max-width:85%;align-self:flex-start}
.sb-user{align-self:flex-end;align-items:flex-end}
.sb-bubble{padding:9px 12px;border-radius:14px;background:var(--bubble);overflow-wrap:anywhere}
.sb-user .sb-bubble{background:var(--p);color:var(--t);white-space:pre-wrap}
.sb-human .sb-bubble{border:2px solid var(--p)}
.sb-bubble p{margin:0 0 6px}.sb-bubble p:last-child{margin:0}
.sb-bubble ul,.sb-bubble ol{margin:4px 0;padding-inline-start:20px}
.sb-bubble pre{margin:6px 0;padding:8px;border-radius:8px;background:rgba(0,0,0,.08);overflow-x:auto;white-space:pre}
.sb-bubble code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace}
.sb-bubble blockquote{margin:4px 0;padding-inline-start:10px;border-inline-start:3px solid var(--line)}
.sb-bubble a{color:inherit;text-decoration:underline}
.sb-cite{font-size:11px;margin-inline-start:1px}
.sb-meta{font-size:12px;color:var(--muted);margin-top:3px}
.sb-src{margin-top:4px;border:0;background:none;padding:2px 0;font-size:13px;color:var(--muted);text-decoration:underline}
.sb-fb{display:flex;gap:4px;align-items:center;margin-top:2px;font-size:13px;color:var(--muted)}.sb-fb button{border:0;background:none;padding:2px;opacity:.55;cursor:pointer}.sb-fb [aria-pressed=true]{opacity:1;color:var(--fg)}.sb-fb svg{width:16px;height:16px;display:block}.sb-fb button+button svg{transform:rotate(180deg)}.sb-fbc{flex:1;min-width:0;font:inherit;padding:2px 6px;border:1px solid var(--line);border-radius:6px}
.sb-sources{margin:4px 0 0;padding-inline-start:20px;font-size:13px;color:var(--fg)}
.sb-sources li{margin-bottom:6px}.sb-sources p{margin:2px 0 0;color:var(--muted)}
.sb-event{align-self:center;text-align:center;font-size:13px;color:var(--muted);margin:2px 0}
.sb-chips{display:flex;flex-wrap:wrap;gap:6px}
.sb-chip{border:1px solid var(--line);background:var(--bg);border-radius:16px;padding:5px 11px;font-size:14px}
.sb-dots span{display:inline-block;width:7px;height:7px;margin:0 2px;border-radius:50%;background:var(--muted);animation:sb-dot 1s infinite alternate}
.sb-dots span:nth-child(2){animation-delay:.2s}.sb-dots span:nth-child(3){animation-delay:.4s}
@keyframes sb-dot{to{opacity:.2}}
.sb-foot{border-top:1px solid var(--line);padding:8px 10px}
.sb-actions{display:flex;flex-wrap:wrap;gap:6px;margin-bottom:6px}
.sb-actions:empty{display:none}
.sb-compose{display:flex;align-items:flex-end;gap:6px}
.sb-compose textarea{flex:1;resize:none;min-height:40px;max-height:120px;padding:9px 11px;border:1px solid var(--line);border-radius:10px;background:var(--bg)}
.sb-send{width:40px;height:40px;border:0;border-radius:10px;background:var(--p);color:var(--t);display:flex;align-items:center;justify-content:center;flex:none}
.sb-send:disabled{opacity:.6;cursor:default}
.sb-att-list{display:flex;flex-wrap:wrap;gap:6px;margin-bottom:6px}.sb-att-list:empty{display:none}
.sb-att{display:inline-flex;align-items:center;gap:4px;border:1px solid var(--line);border-radius:8px;padding:3px 8px;font-size:13px;background:var(--bg);color:var(--fg);text-decoration:none}
.sb-att img{max-width:200px;max-height:160px;border-radius:6px;display:block}
.sb-att button{border:0;background:none;padding:0 2px}
.sb-card{border:1px solid var(--line);border-radius:12px;padding:12px;display:flex;flex-direction:column;gap:8px;background:var(--bg)}
.sb-card p{margin:0;font-weight:600}
.sb-card label{display:flex;flex-direction:column;gap:3px;font-size:14px}
.sb-row{display:flex;flex-direction:column;gap:3px}.sb-row>label{display:block}
.sb-card input,.sb-card textarea,.sb-card select{padding:7px 9px;border:1px solid var(--line);border-radius:8px;background:var(--bg)}
.sb-card .sb-check{flex-direction:row;align-items:flex-start;gap:8px}
.sb-err{color:#b91c1c;font-size:13px}.sb-dark .sb-err{color:#fca5a5}
.sb-act{align-self:stretch;border:1px solid var(--line);border-radius:10px;padding:8px;margin:2px 0}.sb-act pre{white-space:pre-wrap;word-break:break-all;font:12px/1.4 ui-monospace,monospace;margin:0 0 8px}.sb-act div{display:flex;gap:8px}.sb-ghost{border:1px solid var(--line);border-radius:8px;padding:8px 12px;background:none}
.sb-primary{border:0;border-radius:8px;padding:8px 12px;background:var(--p);color:var(--t);font-weight:600}
.sb-stars{display:flex;gap:4px}
.sb-stars button{border:1px solid var(--line);border-radius:8px;background:var(--bg);width:40px;height:40px;display:flex;align-items:center;justify-content:center}
.sb-stars button[aria-pressed=true]{background:var(--p);color:var(--t)}
.sb-stars button[aria-pressed=true] svg{fill:currentColor}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
`;
