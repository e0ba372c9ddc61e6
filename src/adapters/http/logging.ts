// Structured logs that never carry a secret: credentials and cookies are redacted at the source,
// and request bodies (passwords, report content) are never logged at all.
export function loggerOptions(level: string) {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'req.headers["x-follow-up-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
      ],
      censor: '[redacted]',
    },
    serializers: {
      // Paths of invitation and reset links hold secrets: keep only their first segments.
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        url: redactUrl(req.url),
        id: req.id,
      }),
    },
  }
}

export function redactUrl(url: string): string {
  const [path, query] = url.split('?')
  const clean = path!.replace(/\/(invite|reset|follow-up|verify-contact)\/[^/]+/, '/$1/[redacted]')
  return query ? `${clean}?[query redacted]` : clean
}
