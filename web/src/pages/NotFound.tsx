import { Link } from 'react-router'
import { Empty } from '../components/ui.tsx'

export function NotFound() {
  return (
    <Empty title="Page not found">
      <p>
        There is nothing at this address. <Link to="/products">Browse the shop</Link> or go <Link to="/">home</Link>.
      </p>
    </Empty>
  )
}
