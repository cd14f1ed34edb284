import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { type DeadLetter, deadLettersKey, listDeadLetters, replayDeadLetter } from '../../api/admin.ts'
import { Empty, ErrorState, FormError, Loading } from '../../components/ui.tsx'
import { formatDateTime } from '../../format.ts'
import './admin.css'

/** /admin/dead-letters: messages that exhausted their retries, in every service; replay one. */
export function DeadLettersPage() {
  const [includeReplayed, setIncludeReplayed] = useState(false)
  const [replayed, setReplayed] = useState<DeadLetter>()
  const query = useQuery({
    queryKey: [...deadLettersKey, { includeReplayed }],
    queryFn: ({ signal }) => listDeadLetters(includeReplayed, signal),
  })

  return (
    <div className="stack">
      <div className="admin-heading">
        <h1>Dead letters</h1>
        <label className="choice">
          <input type="checkbox" checked={includeReplayed} onChange={(e) => setIncludeReplayed(e.target.checked)} />
          Include replayed
        </label>
        <button type="button" className="button secondary" disabled={query.isFetching} onClick={() => void query.refetch()}>
          Refresh
        </button>
      </div>
      {replayed && (
        <p className="success" role="status">
          Replayed {replayed.type} in {replayed.service}
          {replayed.replayedAt ? ` at ${formatDateTime(replayed.replayedAt)}` : ''}: the message was handed back to the service.
        </p>
      )}
      {query.isPending ? (
        <Loading label="Asking every service…" />
      ) : query.isError ? (
        <ErrorState error={query.error} retry={() => void query.refetch()} />
      ) : (
        <>
          {query.data.unavailable.length > 0 && (
            <p className="notice" role="status">
              Not answering, so their dead letters are missing here: {query.data.unavailable.join(', ')}.
            </p>
          )}
          {query.data.items.length === 0 ? (
            <Empty title="No dead letters">
              <p>Every message was handled.</p>
            </Empty>
          ) : (
            <ul className="plain-list stack">
              {query.data.items.map((d) => (
                <li key={`${d.service}-${d.id}`}>
                  <DeadLetterCard letter={d} onReplayed={setReplayed} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  )
}

function DeadLetterCard({ letter, onReplayed }: { letter: DeadLetter; onReplayed: (d: DeadLetter) => void }) {
  const queryClient = useQueryClient()
  const replay = useMutation({
    mutationFn: () => replayDeadLetter(letter.id),
    onSuccess: (result) => {
      onReplayed({ ...letter, ...result })
      void queryClient.invalidateQueries({ queryKey: deadLettersKey })
    },
  })
  const headingId = `dl-${letter.id}`
  return (
    <article className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card-title">
        <span className="mono">{letter.type}</span> <span className="muted">in {letter.service}</span>
      </h2>
      <dl className="facts">
        <div>
          <dt>Service</dt>
          <dd>{letter.service}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd>{formatDateTime(letter.createdAt)}</dd>
        </div>
        <div>
          <dt>Attempts</dt>
          <dd>{letter.attempts}</dd>
        </div>
        <div>
          <dt>Replayed</dt>
          <dd>{letter.replayedAt ? formatDateTime(letter.replayedAt) : 'Not yet'}</dd>
        </div>
      </dl>
      <p className="form-error">
        <strong>Error:</strong> {letter.error}
      </p>
      <details>
        <summary>Payload</summary>
        <p className="muted small">Message {letter.messageId}</p>
        <pre className="payload">{JSON.stringify(letter.envelope, null, 2)}</pre>
      </details>
      {!letter.replayedAt && (
        <div className="form-actions">
          <button type="button" className="button" disabled={replay.isPending} onClick={() => replay.mutate()}>
            {replay.isPending ? 'Replaying…' : 'Replay'}
            <span className="visually-hidden"> {letter.type} in {letter.service}</span>
          </button>
        </div>
      )}
      <FormError error={replay.error} />
    </article>
  )
}
