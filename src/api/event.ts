/** The `event` function: events, RSVPs and the waitlist, the door, and the operators' event editor. */
import type { EventPhase, RsvpStatus } from '../domain/events'
import type { TierId } from '../domain/program'
import type { Instant } from '../domain/time'
import type {
  CheckInInput,
  CreateEventInput,
  EventGuestsInput,
  EventIdInput,
  ListEventsInput,
  RsvpInput,
  UpdateEventInput,
} from './eventSchemas'
import type { ListPage } from './lists'
import type { TierProgress } from '../domain/tiers'
import type { StoreDetailView } from './member'

export interface RsvpView {
  status: RsvpStatus
  seats: number
  /** Shown as QR + digits at the door once confirmed. */
  ticketCode: string | null
  /** Waiting: how many are ahead (0 = next to be promoted). */
  ahead: number | null
  confirmedAt: Instant | null
  checkedInAt: Instant | null
}

export interface EventView {
  id: string
  title: string
  description: string
  /** The cover's fileID ('' for none), for the operators' editor to keep. */
  cover: string
  /** A temporary link to the cover (a day), '' for none or when storage could not link it. */
  coverUrl: string
  /** Where: the store with its address, and its place on the map when known (导航). */
  store: StoreDetailView | null
  startsAt: Instant
  endsAt: Instant
  capacity: number
  seatsLeft: number
  waiting: number
  tiers: TierId[]
  /** The caller's tier may RSVP (otherwise shown greyed: "for VIP members"). */
  eligible: boolean
  rsvpDeadline: Instant
  cancelDeadline: Instant
  attendancePoints: number
  maxGuests: number
  status: 'open' | 'closed'
  myRsvp: RsvpView | null
}

/** One line of the guest list at the door. */
export interface GuestView {
  name: string
  memberNo: string
  mobileMasked: string
  seats: number
  status: RsvpStatus
  waitNo: number | null
  checkedInAt: Instant | null
}

/** A row of the operators' table of events: the event as pages show it, with its seats and who came. */
export interface EventRow extends EventView {
  phase: EventPhase
  /** Seats held by confirmed RSVPs, guests included. */
  seatsTaken: number
  /** Seats of confirmed RSVPs checked in at the door, guests included. */
  checkedIn: number
  createdAt: Instant
}

/** One RSVP of an event's guest list for operators (every status, every store). */
export interface EventGuestRow {
  /** The RSVP's id. */
  id: string
  /** '—' and '' when the member deleted their membership. */
  name: string
  memberNo: string
  tier: TierId | null
  mobileMasked: string
  /** The member and the guests they bring. */
  seats: number
  status: RsvpStatus
  waitNo: number | null
  rsvpAt: Instant
  confirmedAt: Instant | null
  cancelledAt: Instant | null
  checkedInAt: Instant | null
}

/** RSVPs (people, not seats) of one event by status, and those checked in. */
export interface EventGuestCounts {
  confirmed: number
  waitlisted: number
  cancelled: number
  checkedIn: number
}

export interface CheckInResult {
  /** True when the ticket had been checked in before: `checkedInAt` is that first time. */
  already: boolean
  checkedInAt: Instant
  guest: GuestView
  event: { id: string; title: string }
  pointsCredited: number
}

export interface EventApi {
  /** Upcoming events: those the caller may join, and (greyed) those for higher tiers. */
  /** `progress`: the caller's way to the next tier, for an event of a higher tier to say what it takes. */
  list: { input: Record<string, never>; output: { events: EventView[]; serverTime: Instant; progress: TierProgress } }
  rsvp: { input: RsvpInput; output: { event: EventView; replayed: boolean } }
  cancel: { input: EventIdInput; output: { event: EventView } }
  /**
   * The caller's tickets: upcoming (soonest first), and attended — checked in, or ended with a confirmed ticket
   * (latest first; `myRsvp.checkedInAt` says whether they came).
   */
  mine: { input: Record<string, never>; output: { upcoming: EventView[]; attended: EventView[]; serverTime: Instant } }
  checkIn: { input: CheckInInput; output: CheckInResult }
  guestList: { input: EventIdInput; output: { event: EventView; guests: GuestView[] } }
  /** The caller's store's upcoming events (staff). */
  storeEvents: { input: Record<string, never>; output: { events: EventView[] } }
  create: { input: CreateEventInput; output: { event: EventView; replayed: boolean } }
  /** Operators: change an event's words, times and capacity (never below the seats already taken). */
  update: { input: UpdateEventInput; output: { event: EventView } }
  /** Operators: stop taking RSVPs; tickets already confirmed still get in. */
  close: { input: EventIdInput; output: { event: EventView } }
  /** Operators: every store's events not yet ended, soonest first, to edit or close. */
  manageList: { input: Record<string, never>; output: { events: EventView[]; serverTime: Instant } }
  /** Operators (the desk): every event, ended and closed too, by phase, store and title, paged by cursor. */
  listEvents: { input: ListEventsInput; output: ListPage<EventRow> & { serverTime: Instant } }
  /** Operators (the desk): one event's RSVPs of every status with the counts, paged by cursor (any store's event). */
  eventGuests: { input: EventGuestsInput; output: ListPage<EventGuestRow> & { event: EventRow; counts: EventGuestCounts } }
}
