// API tokens carry a scope: 'read' (GET-like actions only) or 'read_write'. Tokens made before keep
// what they could do (read_write); staff tokens that never expired now expire in 90 days, the
// longest a staff token may live (domain/policy: maxTokenDays), since they reach every case.
export const name = 'api_token_scopes'

export const up = /* sql */ `
ALTER TABLE api_tokens ADD COLUMN scope text NOT NULL DEFAULT 'read_write' CHECK (scope IN ('read', 'read_write'));
UPDATE api_tokens SET expires_at = now() + interval '90 days'
  FROM users
  WHERE users.id = api_tokens.user_id AND users.instance_role <> 'none'
    AND api_tokens.revoked_at IS NULL
    AND (api_tokens.expires_at IS NULL OR api_tokens.expires_at > now() + interval '90 days');
`
