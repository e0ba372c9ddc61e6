// On a demo instance (the server says so in GET /api/v1/session), every page opens with this: the
// demo's accounts and passwords are public, so nobody should mistake it for a real instance.
export function DemoBanner() {
  return (
    <section className="demo-banner" aria-label="Demo instance">
      <p>
        <strong>Demo instance.</strong> Its accounts and passwords are public: anyone who reaches it can sign in as its
        admin. Do not put real vulnerability reports here.
      </p>
    </section>
  )
}
