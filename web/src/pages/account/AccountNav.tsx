import { NavLink } from 'react-router'

/** The account pages' own menu, shared by every signed-in account screen. */
export function AccountNav() {
  return (
    <nav className="account-nav" aria-label="Account">
      <NavLink to="/account" end>
        Profile
      </NavLink>
      <NavLink to="/account/orders">Orders</NavLink>
      <NavLink to="/account/addresses">Addresses</NavLink>
      <NavLink to="/account/security">Security</NavLink>
      <NavLink to="/account/notifications">Inbox</NavLink>
    </nav>
  )
}
