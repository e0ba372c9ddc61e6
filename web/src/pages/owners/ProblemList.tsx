// The entries of an inventory that could not be read, each with why: after an upload and in the
// asset's upload history alike.
export function ProblemList({ problems }: { problems: { component: string; message: string }[] }) {
  return (
    <ul>
      {problems.map((p, i) => (
        <li key={i}>
          <code>{p.component}</code>: {p.message}
        </li>
      ))}
    </ul>
  )
}
