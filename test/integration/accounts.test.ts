// Accounts end to end through the API: invitations, password resets, API tokens, organizations and
// their members, the admin's user management.
import { expect, it } from 'vitest'
import { Client, describeEachDatabase, signedIn, tokenClient } from '../support/api.js'
import { issuePasswordReset } from '../../src/commands/accounts/passwordResets.js'
import { system } from '../../src/domain/actor.js'
import { makeMember, makeOrganization, makeUser, PASSWORD } from '../support/factories.js'

const tokenOf = (url: string) => url.split('/').pop()!

describeEachDatabase('accounts', (t) => {
  it('an organization admin invites a colleague who creates an account and is signed in', async () => {
    const org = await makeOrganization(t.db, { name: 'Red Hat' })
    const admin = await signedIn(t.app, await makeMember(t.db, org, 'admin'))
    const created = await admin.post('/api/v1/invitations', {
      email: 'Colleague@RedHat.test',
      organizationId: org.id,
      organizationRole: 'member',
    })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({
      email: 'colleague@redhat.test',
      organizationName: 'Red Hat',
      state: 'pending',
    })
    const url: string = created.json().url
    expect(url).toMatch(/^http:\/\/localhost:8080\/invite\//)

    const guest = Client.anonymous(t.app)
    const lookup = await guest.post('/api/v1/invitations/lookup', { token: tokenOf(url) })
    expect(lookup.json()).toMatchObject({
      email: 'colleague@redhat.test',
      organizationName: 'Red Hat',
      accountExists: false,
    })
    const accepted = await guest.post('/api/v1/invitations/accept', {
      token: tokenOf(url),
      name: 'New Colleague',
      password: 'a sound new password',
    })
    expect(accepted.json()).toEqual({ created: true, signedIn: true })
    const session = (await guest.get('/api/v1/session')).json()
    expect(session.user.name).toBe('New Colleague')
    expect(session.memberships.map((m: { organization: { name: string } }) => m.organization.name)).toEqual(['Red Hat'])

    const twice = await Client.anonymous(t.app).post('/api/v1/invitations/accept', {
      token: tokenOf(url),
      name: 'X',
      password: 'another sound password',
    })
    expect(twice.statusCode).toBe(409)
    const listed = (await admin.get(`/api/v1/invitations?organizationId=${org.id}`)).json()
    expect(listed[0]).toMatchObject({ state: 'accepted', abilities: { revoke: false } })
  })

  it('an existing account must be signed in as the invitee to join', async () => {
    const org = await makeOrganization(t.db)
    const existing = await makeUser(t.db)
    const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
    const url = (await staff.post('/api/v1/invitations', { email: existing.email, organizationId: org.id })).json().url
    const stranger = await Client.anonymous(t.app).post('/api/v1/invitations/accept', { token: tokenOf(url) })
    expect(stranger.statusCode).toBe(409)
    expect(stranger.json().detail).toMatch(/sign in as/)
    const invitee = await signedIn(t.app, existing)
    expect((await invitee.post('/api/v1/invitations/accept', { token: tokenOf(url) })).json().created).toBe(false)
    expect((await invitee.get(`/api/v1/organizations/${org.id}`)).statusCode).toBe(200)
  })

  it('a revoked or expired invitation cannot be used', async () => {
    const org = await makeOrganization(t.db)
    const admin = await signedIn(t.app, await makeMember(t.db, org, 'admin'))
    const inv = (await admin.post('/api/v1/invitations', { email: 'late@example.test', organizationId: org.id })).json()
    expect((await admin.delete(`/api/v1/invitations/${inv.id}`)).json().state).toBe('revoked')
    const res = await Client.anonymous(t.app).post('/api/v1/invitations/lookup', { token: tokenOf(inv.url) })
    expect(res.statusCode).toBe(409)
    const inv2 = (
      await admin.post('/api/v1/invitations', { email: 'later@example.test', organizationId: org.id })
    ).json()
    await t.db
      .updateTable('invitations')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', inv2.id)
      .execute()
    expect(
      (
        await Client.anonymous(t.app).post('/api/v1/invitations/accept', {
          token: tokenOf(inv2.url),
          name: 'L',
          password: 'a sound new password',
        })
      ).statusCode,
    ).toBe(409)
  })

  it('staff invited by link must set up an authenticator before anything else', async () => {
    const admin = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'admin' }))
    const inv = (
      await admin.post('/api/v1/invitations', { email: 'new-coordinator@example.test', instanceRole: 'coordinator' })
    ).json()
    const guest = Client.anonymous(t.app)
    await guest.post('/api/v1/invitations/accept', {
      token: tokenOf(inv.url),
      name: 'New Coordinator',
      password: 'a sound new password',
    })
    expect((await guest.get('/api/v1/session')).json()).toMatchObject({
      stage: 'totp_enrolment',
      user: { instanceRole: 'coordinator' },
    })
    expect((await guest.get('/api/v1/users')).statusCode).toBe(401)
  })

  it('a password reset link sets a new password and ends every session', async () => {
    const user = await makeUser(t.db)
    const theirs = await signedIn(t.app, user)
    const admin = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'admin' }))
    const issued = await admin.post(`/api/v1/users/${user.id}/password-reset`)
    expect(issued.statusCode).toBe(201)
    const token = tokenOf(issued.json().url)
    expect(
      (await Client.anonymous(t.app).post('/api/v1/password-resets/complete', { token, password: 'short' })).statusCode,
    ).toBe(422)
    expect(
      (
        await Client.anonymous(t.app).post('/api/v1/password-resets/complete', {
          token,
          password: 'brand new long password',
        })
      ).statusCode,
    ).toBe(204)
    expect((await theirs.get('/api/v1/me')).statusCode).toBe(401)
    expect((await new Client(t.app).signIn(user)).statusCode).toBe(401)
    expect((await new Client(t.app).signIn(user, 'brand new long password')).statusCode).toBe(200)
    expect(
      (
        await Client.anonymous(t.app).post('/api/v1/password-resets/complete', {
          token,
          password: 'yet another long password',
        })
      ).statusCode,
    ).toBe(409)
  })

  it('only the newest reset link works: a new link or a password change ends the older ones', async () => {
    const user = await makeUser(t.db)
    const complete = (token: string, password: string) =>
      Client.anonymous(t.app).post('/api/v1/password-resets/complete', { token, password })
    // Issued as the CLI does (the admin's route is the same command), to spare sign-ins.
    const first = (await issuePasswordReset(t.db, system, user.id)).token
    const second = (await issuePasswordReset(t.db, system, user.id)).token
    const older = await complete(first, 'an older link for this')
    expect(older.statusCode).toBe(409)
    expect(older.json().detail).toMatch(/expired/)

    // The owner changes the password themselves: the link still outstanding no longer works.
    const owner = await signedIn(t.app, user)
    const changed = await owner.post('/api/v1/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'my own new long password',
    })
    expect(changed.statusCode).toBe(204)
    expect((await complete(second, 'taking the account over')).statusCode).toBe(409)
  })

  it("a password reset revokes the account's API tokens", async () => {
    const user = await makeUser(t.db)
    const script = await tokenClient(t, user)
    expect((await script.get('/api/v1/me')).statusCode).toBe(200)
    const { token } = await issuePasswordReset(t.db, system, user.id)
    const done = await Client.anonymous(t.app).post('/api/v1/password-resets/complete', {
      token,
      password: 'brand new long password',
    })
    expect(done.statusCode).toBe(204)
    expect((await script.get('/api/v1/me')).statusCode).toBe(401)
  })

  it('staff API tokens name their scope and expire within 90 days; a read token reads and writes nothing', async () => {
    const staffUser = await makeUser(t.db, { instanceRole: 'coordinator', totp: true })
    const staff = new Client(t.app)
    expect((await staff.signIn(staffUser)).statusCode).toBe(200)
    const bare = await staff.post('/api/v1/tokens', { name: 'forever' })
    expect(bare.statusCode).toBe(422)
    expect(bare.body).toMatch(/scope/)
    const tooLong = await staff.post('/api/v1/tokens', { name: 'long', scope: 'read', expiresInDays: 365 })
    expect(tooLong.statusCode).toBe(422)
    expect(tooLong.body).toMatch(/expiresInDays/)
    const made = await staff.post('/api/v1/tokens', { name: 'dashboard', scope: 'read', expiresInDays: 30 })
    expect(made.statusCode).toBe(201)
    expect(made.json()).toMatchObject({ scope: 'read', expiresAt: expect.any(String) })
    const script = Client.withToken(t.app, made.json().token)
    expect((await script.get('/api/v1/users')).statusCode).toBe(200)
    const write = await script.post('/api/v1/organizations', { name: 'Made by a read token', kind: 'vendor' })
    expect(write.statusCode).toBe(403)
    expect(write.json().detail).toMatch(/only read/)
    expect(
      await t.db.selectFrom('organizations').select('id').where('name', '=', 'Made by a read token').execute(),
    ).toEqual([])
  })

  it('API tokens: shown once, stored hashed, work for scripts, revocable', async () => {
    const user = await makeUser(t.db)
    const browser = await signedIn(t.app, user)
    const created = await browser.post('/api/v1/tokens', { name: 'CI pipeline' })
    expect(created.statusCode).toBe(201)
    const secret: string = created.json().token
    expect(secret).toMatch(/^lsk_/)
    const stored = await t.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', created.json().id)
      .executeTakeFirstOrThrow()
    expect(JSON.stringify(stored)).not.toContain(secret)
    expect((await browser.get('/api/v1/tokens')).body).not.toContain(secret)

    const script = Client.withToken(t.app, secret)
    expect((await script.get('/api/v1/me')).json().email).toBe(user.email)
    // No CSRF token needed with a bearer token, and a token cannot mint another.
    expect((await script.patch('/api/v1/me', { name: 'Scripted' })).statusCode).toBe(200)
    expect((await script.post('/api/v1/tokens', { name: 'child' })).statusCode).toBe(400)

    expect((await browser.delete(`/api/v1/tokens/${created.json().id}`)).json().revokedAt).not.toBeNull()
    expect((await script.get('/api/v1/me')).statusCode).toBe(401)
  })

  it('an expired API token no longer works', async () => {
    const user = await makeUser(t.db)
    const client = await tokenClient(t, user)
    await t.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user.id)
      .execute()
    expect((await client.get('/api/v1/me')).statusCode).toBe(401)
  })

  it('organizations: staff create, members see only their own, abilities follow roles', async () => {
    const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
    const created = await staff.post('/api/v1/organizations', { name: 'Sun Microsystems', kind: 'vendor' })
    expect(created.json()).toMatchObject({
      slug: 'sun-microsystems',
      kind: 'vendor',
      abilities: { read: true, update: false, invite: true },
    })
    const other = await makeOrganization(t.db)
    const member = await makeMember(t.db, other, 'member')
    const client = await signedIn(t.app, member)
    const listed = (await client.get('/api/v1/organizations')).json()
    expect(listed.map((o: { id: string }) => o.id)).toEqual([other.id])
    expect(listed[0].abilities).toEqual({
      read: true,
      update: false,
      invite: false,
      manage_members: false,
      manage_contacts: false,
      open_case: true,
      manage_inventory: true,
      flag_critical: false,
      read_metrics: true,
    })
  })

  it('an organization keeps at least one admin', async () => {
    const org = await makeOrganization(t.db)
    const admin = await makeMember(t.db, org, 'admin')
    const client = await signedIn(t.app, admin)
    const res = await client.delete(`/api/v1/organizations/${org.id}/members/${admin.id}`)
    expect(res.statusCode).toBe(409)
    expect(res.json().detail).toMatch(/last admin/)
    const demote = await client.put(`/api/v1/organizations/${org.id}/members/${admin.id}`, { role: 'member' })
    expect(demote.statusCode).toBe(409)
    const second = await makeMember(t.db, org, 'member')
    expect(
      (await client.put(`/api/v1/organizations/${org.id}/members/${second.id}`, { role: 'admin' })).statusCode,
    ).toBe(204)
    expect((await client.delete(`/api/v1/organizations/${org.id}/members/${admin.id}`)).statusCode).toBe(204)
  })

  it('an admin disables a user: their sessions end and they cannot sign in', async () => {
    const user = await makeUser(t.db)
    const theirs = await signedIn(t.app, user)
    const admin = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'admin' }))
    expect((await admin.put(`/api/v1/users/${user.id}/disabled`, { disabled: true })).json().disabled).toBe(true)
    expect((await theirs.get('/api/v1/me')).statusCode).toBe(401)
    expect((await new Client(t.app).signIn(user)).statusCode).toBe(401)
  })

  it('an admin cannot demote or disable themself', async () => {
    const me = await makeUser(t.db, { instanceRole: 'admin' })
    const admin = await signedIn(t.app, me)
    expect((await admin.put(`/api/v1/users/${me.id}/role`, { instanceRole: 'none' })).statusCode).toBe(403)
    expect((await admin.get(`/api/v1/users/${me.id}`)).json().abilities).toMatchObject({
      change_role: false,
      disable: false,
      update: true,
    })
  })

  it('changing your password signs out your other browsers, not this one', async () => {
    const user = await makeUser(t.db)
    const here = await signedIn(t.app, user)
    const there = await signedIn(t.app, user)
    expect(
      (
        await here.post('/api/v1/me/password', {
          currentPassword: 'wrong one entirely',
          newPassword: 'another long password',
        })
      ).json().errors[0].field,
    ).toBe('currentPassword')
    expect(
      (await here.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'another long password' }))
        .statusCode,
    ).toBe(204)
    expect((await here.get('/api/v1/me')).statusCode).toBe(200)
    expect((await there.get('/api/v1/me')).statusCode).toBe(401)
  })

  it('staff cannot remove their authenticator; others can', async () => {
    const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
    expect((await staff.delete('/api/v1/me/totp')).statusCode).toBe(403)
    const plain = await signedIn(t.app, await makeUser(t.db, { totp: false }))
    expect((await plain.post('/api/v1/me/totp')).json().uri).toMatch(/^otpauth:\/\/totp\/Lockstep:/)
  })

  it('an admin clears the second factors of someone who lost their phone; staff then enrol again', async () => {
    const staffUser = await makeUser(t.db, { instanceRole: 'coordinator' })
    const theirs = await signedIn(t.app, staffUser)
    const admin = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'admin' }))
    const res = await admin.delete(`/api/v1/users/${staffUser.id}/second-factors`)
    expect(res.json().totpEnabled).toBe(false)
    expect((await theirs.get('/api/v1/me')).statusCode).toBe(401)
    const again = await new Client(t.app).post('/api/v1/session', { email: staffUser.email, password: PASSWORD })
    expect(again.json().stage).toBe('totp_enrolment')
  })

  it('abilities tell who may remove their own authenticator', async () => {
    const plain = await signedIn(t.app, await makeUser(t.db, { totp: true }))
    expect((await plain.get('/api/v1/me')).json().abilities.remove_authenticator).toBe(true)
    expect((await plain.delete('/api/v1/me/totp')).statusCode).toBe(204)
    const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
    expect((await staff.get('/api/v1/me')).json().abilities.remove_authenticator).toBe(false)
  })

  it('the admin user list pages and searches', async () => {
    await makeUser(t.db, { name: 'Zed Findable', email: 'zed.findable@example.test' })
    const admin = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'admin' }))
    const found = (await admin.get('/api/v1/users?q=findable')).json()
    expect(found.total).toBe(1)
    expect(found.items[0].email).toBe('zed.findable@example.test')
    const page = (await admin.get('/api/v1/users?limit=2&offset=0')).json()
    expect(page.items).toHaveLength(2)
    expect(page.total).toBeGreaterThan(2)
  })
})
