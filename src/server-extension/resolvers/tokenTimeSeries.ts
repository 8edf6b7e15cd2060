import {Arg, Field, Int, ObjectType, Query, registerEnumType, Resolver} from 'type-graphql'
import {amountsIn} from './amounts'
import type {ReadTx} from '../../api/requestDb'
import {findToken, isAddress} from '../../analytics/ownershipAt'
import {bucketStart, HourlyPoint, Interval, timeSeries} from '../../analytics/timeSeries'
import {answer, InputError, parseTime, sqlOf} from '../../api/asOf'

export enum TimeSeriesInterval {
    HOUR = 'HOUR',
    DAY = 'DAY',
    WEEK = 'WEEK',
}
registerEnumType(TimeSeriesInterval, {name: 'TimeSeriesInterval', description: 'UTC hours, days, or weeks starting on Monday'})

@ObjectType()
export class TimeSeriesBucket {
    @Field() start!: string
    @Field({description: 'at the end of the bucket'}) totalSupply!: string
    @Field(() => String, {nullable: true, description: 'totalSupply in the token\'s units; null when its decimals are unknown'}) totalSupplyDecimal!: string | null
    @Field(() => Int) holderCount!: number
    @Field(() => Int) investorCount!: number
    @Field(() => Int, {description: 'transfers in the bucket, mints and burns included'}) transferCount!: number
    @Field({description: 'sum of their amounts'}) volume!: string
    @Field(() => String, {nullable: true, description: 'volume in the token\'s units; null when its decimals are unknown'}) volumeDecimal!: string | null
}

@Resolver()
export class TokenTimeSeriesResolver {
    constructor(private readonly tx: () => Promise<ReadTx>) {}

    @Query(() => [TimeSeriesBucket], {description: 'Supply, holders, investors, transfers and volume per bucket, from the hourly snapshots (no scan of transfers).'})
    async tokenTimeSeries(
        @Arg('token') token: string,
        @Arg('interval', () => TimeSeriesInterval) interval: TimeSeriesInterval,
        @Arg('from', {description: 'ISO 8601'}) from: string,
        @Arg('to', {description: 'ISO 8601'}) to: string,
    ): Promise<TimeSeriesBucket[]> {
        return answer(async () => {
            if (!isAddress(token)) throw new InputError(`token "${token}" is not a 0x-prefixed 20-byte hex address`)
            const [f, t] = [parseTime('from', from), parseTime('to', to)]
            if (f > t) throw new InputError(`from ${from} is after to ${to}`)
            const query = sqlOf(await this.tx())
            const tok = await findToken(query, token)
            const cols = 'hour, total_supply, holder_count, investor_count, transfer_count, volume'
            // The first bucket starts before `from`: it holds the whole hour, day or week.
            const start = bucketStart(f, interval as Interval).toISOString()
            const rows = await query(`SELECT ${cols} FROM token_hourly_snapshot WHERE token_id = $1 AND hour >= $2 AND hour <= $3 ORDER BY hour`, [tok.id, start, t.toISOString()])
            const [before] = await query(`SELECT ${cols} FROM token_hourly_snapshot WHERE token_id = $1 AND hour < $2 ORDER BY hour DESC LIMIT 1`, [tok.id, start])
            let buckets
            try {
                buckets = timeSeries(rows.map(point), interval as Interval, f, t, before && point(before))
            } catch (err) {
                if (err instanceof RangeError) throw new InputError(err.message)
                throw err
            }
            return buckets.map(b => ({...b, start: b.start.toISOString(), ...amountsIn(b, ['totalSupply', 'volume'], tok.decimals)}))
        })
    }
}

function point(r: Record<string, unknown>): HourlyPoint {
    return {
        hour: new Date(r.hour as string), totalSupply: BigInt(String(r.total_supply)), holderCount: Number(r.holder_count),
        investorCount: Number(r.investor_count), transferCount: Number(r.transfer_count), volume: BigInt(String(r.volume)),
    }
}
